// The first view: which files the page loads before it is interactive, their gzip sizes, and
// the time to interactive (navigation start until the clock shows the workspace's time and the
// first view is drawn).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { gzipSize, median } from './stats.ts';

export interface Asset {
  file: string;
  bytes: number;
  gzip: number;
  /** loaded by the engine's Web Worker, not the page's main thread */
  worker: boolean;
}

export interface LoadResult {
  ttiMs: number;
  assets: Asset[];
}

/** In the page before any script: note when the clock first shows a 2024 time. */
const MARK_INTERACTIVE = `(() => {
  const check = () => {
    const el = document.querySelector('[data-testid=clock]');
    // interactive: the clock shows the workspace's time and the first view (a lazy chunk) is drawn
    if (window.__tti === undefined && el && (el.textContent || '').includes('2024') && document.querySelector('#view h2')) window.__tti = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export async function freshPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  // a new context: empty HTTP cache and empty IndexedDB (the first visit, a new workspace)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { context, page };
}

/** Record the built files the page (and its workers) request, in order. */
export function recordFiles(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (/\.(js|css|wasm)$/.test(path)) files.push(path.replace(/^\//, ''));
  });
  return files;
}

export function asset(root: string, file: string): Asset {
  const bytes = readFileSync(join(root, file));
  return { file, bytes: bytes.length, gzip: gzipSize(bytes), worker: /worker/i.test(file) };
}

/** One cold load: time to interactive and the files fetched until then. */
export async function coldLoad(browser: Browser, url: string, root: string): Promise<LoadResult & { page: Page; context: BrowserContext; files: string[] }> {
  const { context, page } = await freshPage(browser);
  await page.addInitScript(MARK_INTERACTIVE);
  const files = recordFiles(page);
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (window as unknown as { __tti?: number }).__tti, undefined, { timeout: 60_000 });
  const ttiMs = (await handle.jsonValue()) as number;
  const assets = [...new Set(files)].map((f) => asset(root, f));
  return { ttiMs, assets, page, context, files };
}

export interface FirstView {
  ttiMs: number[];
  ttiMedianMs: number;
  assets: Asset[];
  /** files fetched when the Code view and the Graph view are first opened */
  onDemand: { view: string; assets: Asset[] }[];
}

async function openView(page: Page, files: string[], root: string, tab: RegExp, ready: (p: Page) => Promise<unknown>): Promise<Asset[]> {
  const before = new Set(files);
  await page.getByRole('tab', { name: tab }).click();
  await ready(page);
  await page.waitForLoadState('networkidle');
  return [...new Set(files.filter((f) => !before.has(f)))].map((f) => asset(root, f));
}

export async function measureFirstView(browser: Browser, url: string, root: string, loads = 5): Promise<FirstView> {
  const tti: number[] = [];
  let first: FirstView | null = null;
  for (let i = 0; i < loads; i++) {
    const r = await coldLoad(browser, url, root);
    tti.push(r.ttiMs);
    if (i === 0) {
      const code = await openView(r.page, r.files, root, /Code/, (p) => p.locator('.cm-editor').waitFor({ timeout: 30_000 }));
      const graph = await openView(r.page, r.files, root, /Graph/, (p) => p.waitForResponse(/elk-worker/, { timeout: 30_000 }));
      first = { ttiMs: [], ttiMedianMs: 0, assets: r.assets, onDemand: [{ view: 'Code', assets: code }, { view: 'Graph', assets: graph }] };
    }
    await r.context.close();
  }
  return { ...first!, ttiMs: tti, ttiMedianMs: median(tti) };
}
