// The web app's benchmark (part of `npm run bench`): build the app, serve it, and measure in
// the system Chromium (headless) what the first view loads, the time to interactive, and the
// frame times while a 10-year catchup plays. Returns Markdown lines for README.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './app/browser.ts';
import { measureCatchupFrames, type FrameStats } from './app/frames.ts';
import { measureFirstView, type Asset, type FirstView } from './app/load.ts';
import { serve } from './app/serve.ts';
import { kb } from './app/stats.ts';

const TARGET_FIRST_JS_KB = 300;
const TARGET_P95_MS = 33;

const sum = (xs: readonly Asset[]): number => xs.reduce((a, x) => a + x.gzip, 0);
const names = (xs: readonly Asset[]): string => xs.map((x) => `\`${x.file.replace(/^assets\//, '')}\``).join(', ');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function firstViewLines(f: FirstView): string[] {
  const js = f.assets.filter((a) => a.file.endsWith('.js'));
  const css = f.assets.filter((a) => a.file.endsWith('.css'));
  const main = js.filter((a) => !a.worker);
  const worker = js.filter((a) => a.worker);
  const total = sum(js);
  const ok = total / 1024 < TARGET_FIRST_JS_KB;
  const out = [
    '| loaded before the app is interactive | files (biggest first) | raw KB | gzip KB |',
    '|---|---|---|---|',
    `| JS, main thread | ${names([...main].sort((a, b) => b.gzip - a.gzip))} | ${kb(main.reduce((a, x) => a + x.bytes, 0))} | ${kb(sum(main))} |`,
    `| JS, the engine's Web Worker | ${names([...worker].sort((a, b) => b.gzip - a.gzip))} | ${kb(worker.reduce((a, x) => a + x.bytes, 0))} | ${kb(sum(worker))} |`,
    `| **all JS** (target < ${TARGET_FIRST_JS_KB} KB gzip: **${ok ? 'met' : 'not met'}**) | ${js.length} files | ${kb(js.reduce((a, x) => a + x.bytes, 0))} | **${kb(total)}** |`,
    `| CSS | ${names(css)} | ${kb(css.reduce((a, x) => a + x.bytes, 0))} | ${kb(sum(css))} |`,
    '',
  ];
  for (const d of f.onDemand) {
    const early = d.assets.length > 0 && d.assets.every((a) => !f.assets.some((b) => b.file === a.file));
    out.push(`${d.view} view, first opened: loads ${names(d.assets)} (${kb(sum(d.assets))} KB gzip)${early ? ', none of it before' : ''}.`, '');
  }
  const ms = f.ttiMs.map((x) => Math.round(x));
  out.push(`Time to interactive (navigation start until the clock shows the workspace's time and the first view is drawn), cold cache, a new workspace: median **${Math.round(f.ttiMedianMs)} ms** of ${ms.length} loads (${ms.join(', ')} ms).`);
  return out;
}

function frameLines(frames: FrameStats[]): string[] {
  const out = [
    `| 10-year catchup at a year a second | s | frames | median ms | p95 ms | p99 ms | max ms | > 16.7 ms | > 50 ms | long tasks (ms) | virtual clock |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of frames) {
    out.push(
      `| ${f.view} | ${f.seconds.toFixed(1)} | ${f.frames} | ${f.medianMs.toFixed(1)} | ${f.p95Ms.toFixed(1)} | ${f.p99Ms.toFixed(1)} | ${f.maxMs.toFixed(1)} | ${pct(f.over16)} | ${pct(f.over50)} | ${f.longTasks} (${Math.round(f.longTaskMs)}) | ${f.clockFrom.slice(0, 16)} → ${f.clockTo.slice(0, 16)} |`,
    );
  }
  const playing = frames.filter((f) => f.view.includes('playing'));
  const worst = Math.max(...playing.map((f) => f.p95Ms));
  out.push('', `Target p95 frame time ≤ ${TARGET_P95_MS} ms while playing: **${worst <= TARGET_P95_MS + 0.5 ? 'met' : 'not met'}** (worst p95 ${worst.toFixed(1)} ms).`);
  return out;
}

export async function benchApp(): Promise<string[]> {
  // the frame figures need the machine to itself: the engine's worker keeps one core busy while playing
  const load = loadavg()[0]!.toFixed(2);
  const outDir = mkdtempSync(join(tmpdir(), 'airflow-sim-bench-app-'));
  try {
    execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
    const server = await serve(outDir);
    const browser = await launch();
    try {
      const first = await measureFirstView(browser, server.url, outDir, 5);
      const frames = await measureCatchupFrames(browser, server.url, 5000);
      return [
        `Web app: production build served locally, headless Chromium ${browser.version()} (--disable-gpu, software rendering), a new browser context per load (cold cache, empty IndexedDB), 1280x800. gzip: node:zlib at its default level. Load average when it started: ${load}.`,
        '',
        ...firstViewLines(first),
        '',
        'Frame times (requestAnimationFrame deltas in the page) after adding, in the Code view, a daily 5-task DAG that starts 10 years before the clock (catchup=True, unpaused at creation: 3,650 runs to catch up), the speed at a year a second, Play; 2 s paused as a baseline, then 5 s in its Grid, then 5 s in the DAG list. "> 16.7 ms": longer than a 60 Hz frame plus 1 ms of timestamp jitter.',
        '',
        ...frameLines(frames),
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await benchApp()).join('\n'));
