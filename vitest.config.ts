import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Engine and dagfile tests run in plain Node: they must not need a DOM. The Svelte plugin
// compiles runes in .svelte.ts modules (app state); it is not svelteTesting(), whose
// browser resolve condition breaks Node-only packages (shared STACK.md 3.3).
export default defineConfig({
  plugins: [svelte()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'lessons/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30000,
  },
});
