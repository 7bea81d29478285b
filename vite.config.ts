import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// base './' so the built site works from any sub-path of a static host;
// worker format 'es' so lazy imports inside workers stay separate chunks (see shared STACK.md).
export default defineConfig({
  base: './',
  plugins: [svelte()],
  worker: { format: 'es' },
  // worker-only dependencies, pre-bundled so the dev server's first click does not stall (STACK.md 3.2)
  optimizeDeps: {
    include: [
      'comlink', 'dexie', 'd3-scale', '@lezer/python', '@lezer/common', '@lezer/lr', 'croner', 'temporal-polyfill', 'nunjucks',
      '@noble/hashes/legacy.js', '@noble/hashes/utils.js', 'codemirror', '@codemirror/lang-python', 'elkjs/lib/elk-api.js',
    ],
  },
});
