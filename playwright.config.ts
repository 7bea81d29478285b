import { defineConfig } from '@playwright/test';

// Runs against `vite preview` of the production build, in the system Chromium
// (scripts/e2e.mjs finds it and sets CHROMIUM_PATH). No browser is downloaded.
export default defineConfig({
  testDir: './e2e',
  timeout: 30_000,
  workers: 1,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    // the service worker precaches the whole build; only the offline spec needs it (it opts in)
    serviceWorkers: 'block',
    baseURL: 'http://127.0.0.1:4173/',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
    url: 'http://127.0.0.1:4173/',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
