import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// What the learner's work survives: a reload, a second tab, a browser without IndexedDB,
// and being served from a sub-path by a plain static server.

const START = '2024-06-01 00:00:00 UTC';

async function opened(page: Page): Promise<void> {
  await expect(page.getByTestId('clock')).toHaveText(START); // the workspace is open
}

async function run(page: Page, line: string): Promise<void> {
  const entries = page.getByTestId('console-entry');
  const before = await entries.count();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(entries).toHaveCount(before + 1);
  await expect(entries.last()).toContainText(line);
}

async function openEtlGrid(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /DAGs/ }).click();
  await page.getByTestId('dag-row-etl').getByRole('button', { name: 'etl', exact: true }).click();
  await expect(page.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-ti]').first()).toBeVisible();
}

/** Every task instance in the open Grid: "task, run_id, state, try n". */
function gridCells(page: Page): Promise<string[]> {
  return page.locator('[data-ti]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** The saved workspaces, read straight from IndexedDB (what a reload would replay). */
function savedWorkspaces(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; profile: string; revision: number; clock: string; commands: { run: string }[] }[]>((ok, fail) => {
        const req = indexedDB.open('airflow-sim');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('workspaces').objectStore('workspaces').getAll();
          all.onsuccess = () => {
            ok(all.result);
            req.result.close();
          };
          all.onerror = () => fail(all.error);
        };
      }),
  );
}

test('a reload finds the same clock, runs and task states', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await opened(page);
  await run(page, 'airflow dags unpause etl');
  for (const clock of ['2024-06-01 00:00:00 UTC', '2024-06-02 00:00:00 UTC']) {
    await page.getByTestId('next-run').click();
    await expect(page.getByTestId('clock')).toHaveText(clock);
  }
  // the last action is a clock step with the Grid open: a run part-way through
  await openEtlGrid(page);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('clock')).not.toHaveText('2024-06-02 00:00:00 UTC');
  const clock = await page.getByTestId('clock').textContent();
  const grid = await gridCells(page);
  expect(grid.some((s) => s.includes('scheduled__2024-06-01T00:00:00+00:00, success'))).toBe(true);

  // reload at once, as a learner would: the last action must not be lost to the save delay
  await page.reload();
  await expect(page.getByTestId('clock')).toHaveText(clock!);
  await expect(page.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true'); // the view too
  await openEtlGrid(page);
  expect(await gridCells(page)).toEqual(grid);
  expect(errors).toEqual([]);
});

test('two tabs: the second tab to save is refused and says so; the saved history stays one consistent story', async ({ page: a, context }) => {
  const errors: string[] = [];
  const b = await context.newPage();
  for (const p of [a, b]) {
    p.on('pageerror', (e) => errors.push(e.message));
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.goto('./');
    await opened(p);
  }
  await run(a, 'airflow dags unpause etl');
  // A's save reaches B over the BroadcastChannel: B warns before it loses anything
  const notice = b.getByTestId('store-notice');
  await expect(notice).toHaveAttribute('data-kind', 'changed');
  await expect(a.getByTestId('store-notice')).toHaveCount(0);

  // B, still on the old revision, acts: its save is refused (not merged, not overwriting A's)
  await run(b, 'airflow dags pause etl');
  await expect(notice).toHaveAttribute('data-kind', 'conflict');
  await expect(notice).toContainText('another tab saved this workspace first');
  await expect(notice.getByTestId('store-reload')).toHaveText("Reload to see the other tab's work");
  await b.screenshot({ path: 'test-results/store-conflict-en.png' });
  await b.getByTestId('language').selectOption('ko');
  await expect(notice).toContainText('다른 탭이 이 작업 공간을 먼저 저장했고');
  await b.screenshot({ path: 'test-results/store-conflict-ko.png' });
  await b.getByTestId('language').selectOption('en');

  // A goes on saving as if nothing happened
  await a.getByTestId('next-run').click();
  await expect(a.getByTestId('clock')).toHaveText(START);
  await expect(a.locator('p[role="status"]')).toContainText('scheduled__2024-06-01T00:00:00+00:00');
  await expect(a.getByTestId('store-notice')).toHaveCount(0);
  await expect
    .poll(async () => (await savedWorkspaces(a)).map((w) => [w.profile, w.commands.map((c) => c.run)]))
    .toEqual([['3', ['airflow dags unpause etl']]]);

  // after reloading, both tabs show A's work and nothing of B's refused command
  await a.reload();
  await notice.getByTestId('store-reload').click();
  for (const p of [a, b]) {
    await opened(p);
    await expect(p.getByTestId('store-notice')).toHaveCount(0);
    await expect(p.getByRole('tab', { name: /DAGs/ })).toHaveAttribute('aria-selected', 'true'); // the saved view
    await expect(p.getByTestId('pause-toggle-etl')).toHaveAttribute('aria-checked', 'true');
    await expect(p.getByTestId('dag-row-etl')).toContainText('2024-06-02 00:00 UTC'); // the 06-01 run exists
  }
  // B saves again once it has the current revision; now A is the one told to reload
  await run(b, 'airflow dags pause etl');
  await expect
    .poll(async () => (await savedWorkspaces(b)).map((w) => w.commands.map((c) => c.run)))
    .toEqual([['airflow dags unpause etl', 'airflow dags pause etl']]);
  await expect(b.getByTestId('store-notice')).toHaveCount(0);
  await expect(a.getByTestId('store-notice')).toHaveAttribute('data-kind', 'changed');
  expect(errors).toEqual([]);
});

test('without IndexedDB the app works in memory and says so, in English and Korean', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await opened(page);
  const warning = page.getByTestId('store-memory');
  await expect(warning).toContainText('Your work is kept in memory only: this browser does not let the app use IndexedDB');
  await run(page, 'airflow dags unpause etl');
  await page.getByTestId('next-run').click();
  await page.getByTestId('next-run').click();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-02 00:00:00 UTC');
  await page.screenshot({ path: 'test-results/store-memory-en.png' });
  await page.getByTestId('language').selectOption('ko');
  await expect(warning).toContainText('작업이 메모리에만 저장됩니다: 이 브라우저에서는 IndexedDB를 쓸 수 없습니다');
  await page.screenshot({ path: 'test-results/store-memory-ko.png' });
  await expect(page.getByTestId('store-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// The built site under a sub-path of a plain static server (python3 -m http.server): every
// asset, the engine's worker, ELK's chunk and CodeMirror's chunk load by relative URL.
test.describe('served from a sub-path', () => {
  let server: ChildProcess | undefined;
  let root = '';
  let url = '';

  test.beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'airflow-sim-subpath-'));
    mkdirSync(join(root, 'deep/sub'), { recursive: true });
    symlinkSync(resolve('dist'), join(root, 'deep/sub/airflow-sim'), 'dir');
    const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    server = proc;
    const port = await new Promise<string>((ok, fail) => {
      const t = setTimeout(() => fail(new Error('python3 -m http.server did not start')), 10_000);
      proc.stdout!.on('data', (d: Buffer) => {
        const m = /port (\d+)/.exec(d.toString());
        if (m) {
          clearTimeout(t);
          ok(m[1]!);
        }
      });
      proc.on('exit', (code) => fail(new Error(`python3 -m http.server exited with ${code}`)));
    });
    url = `http://127.0.0.1:${port}/deep/sub/airflow-sim/`;
  });

  test.afterAll(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('the app, its worker, the Graph (ELK) and the Code view (CodeMirror) load', async ({ page }) => {
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    await opened(page); // the worker answered: the workspace was loaded and replayed
    await run(page, 'airflow dags list');
    await expect(page.getByTestId('console-output').last()).toContainText('etl');

    await page.getByRole('tab', { name: /Graph/ }).click();
    await page.getByTestId('graph-dag').selectOption('etl');
    const canvas = page.getByTestId('graph-canvas');
    for (const t of ['extract', 'transform', 'load']) await expect(canvas.locator(`.node[data-task="${t}"]`)).toBeVisible({ timeout: 15_000 });
    const x = async (t: string) => (await canvas.locator(`.node[data-task="${t}"]`).boundingBox())!.x;
    expect(await x('extract')).toBeLessThan(await x('transform')); // laid out left to right

    await page.getByRole('tab', { name: /Code/ }).click();
    await expect(page.locator('.cm-content')).toContainText('extract >> transform >> load', { timeout: 15_000 });
    await expect(page.locator('.cm-editor .tok-keyword, .cm-editor [class*="ͼ"]').first()).toBeVisible(); // highlighted

    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
});
