// Browser tests: find a Chromium, build the app, run Playwright against `vite preview`.
// Never downloads a browser: the machine has no route to one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    candidates.push(chromium.executablePath());
  } catch {
    /* playwright-core has no browser of its own here */
  }
  return candidates.find((p) => p && existsSync(p));
}

const chromium = findChromium();
if (!chromium) {
  console.error(`e2e: no Chromium found.
  Looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser and Playwright's own browser.
  Install one, then run npm test again:
    Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
    or point CHROMIUM_PATH at any Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test`);
  process.exit(1);
}
console.log(`e2e: using Chromium at ${chromium}`);
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(r.status ?? 1);
