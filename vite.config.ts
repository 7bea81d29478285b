import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// base './' so the built site works from any sub-path of a static host;
// worker format 'es' so lazy imports inside workers stay separate chunks (see shared STACK.md).
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    // offline once loaded: a service worker precaches every built file (wasm included); the page
    // registers it from a deferred script, relative to the page, so sub-paths work too (STACK.md 3.9)
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Airflow Scheduler Simulator',
        short_name: 'Airflow Sim',
        description: "Apache Airflow's scheduler, executor, workers and metastore on a virtual clock, in the browser.",
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#017cee',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,json,webmanifest}'],
        // the worker with its lazy chunks and sql.js's wasm are big; a file over the cap would break offline use
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: null,
        // take control of the page that installed it, so it is offline-ready without a second visit
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  // worker-only dependencies, pre-bundled so the dev server's first click does not stall (STACK.md 3.2)
  optimizeDeps: {
    include: [
      'comlink', 'dexie', 'd3-scale', '@lezer/python', '@lezer/common', '@lezer/lr', 'croner', 'temporal-polyfill', 'nunjucks',
      '@noble/hashes/legacy.js', '@noble/hashes/utils.js', 'codemirror', '@codemirror/lang-python', 'elkjs/lib/elk-api.js', 'sql.js',
    ],
  },
});
