import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// base './' so the built site works from any sub-path of a static host;
// worker format 'es' so lazy imports inside workers stay separate chunks (see shared STACK.md).
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  optimizeDeps: { include: ['@lezer/python', 'croner', 'temporal-polyfill', 'nunjucks'] },
});
