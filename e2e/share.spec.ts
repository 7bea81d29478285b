import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openView, seriousViolations } from './helpers.ts';

// Share links and files: a state made in one browser opens identically in another (fresh
// storage, so only the link can carry it); the learner's own workspace is kept; a damaged link
// says so; the workspace file and a DAG file download as they are.

const START = '2024-06-01 00:00:00 UTC';

async function run(page: Page, line: string): Promise<void> {
  const entries = page.getByTestId('console-entry');
  const before = await entries.count();
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await expect(entries).toHaveCount(before + 1);
}

async function openEtlGrid(page: Page): Promise<void> {
  await openView(page, /DAGs/);
  await page.getByTestId('dag-row-etl').getByRole('button', { name: 'etl', exact: true }).click();
  await expect(page.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-ti]').first()).toBeVisible();
}

const gridCells = (page: Page) => page.locator('[data-ti]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));

/** A learner's state: etl unpaused, two runs, a few steps into the third, the Grid open. */
async function makeState(page: Page): Promise<{ clock: string; grid: string[] }> {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await run(page, 'airflow dags unpause etl');
  await page.getByTestId('next-run').click();
  await page.getByTestId('next-run').click();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-02 00:00:00 UTC');
  await openEtlGrid(page);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('clock')).not.toHaveText('2024-06-02 00:00:00 UTC');
  return { clock: (await page.getByTestId('clock').textContent())!, grid: await gridCells(page) };
}

async function freshPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: 'http://127.0.0.1:4173/', serviceWorkers: 'block' });
  return ctx.newPage();
}

test('a share link opens the same clock and grid in another browser, unsaved, beside the learner’s own workspace', async ({ page, context, browser }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const before = await makeState(page);

  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-url')).toHaveValue(/#w=1\.[A-Za-z0-9_-]+$/);
  const url = await dialog.getByTestId('share-url').inputValue();
  await expect(dialog.getByTestId('share-size')).toContainText(`${url.length.toLocaleString('en')} characters`);
  await expect(dialog.getByTestId('share-size')).toContainText('Short enough'); // a typical state stays under 2,000
  await dialog.getByTestId('share-copy').click();
  await expect(dialog.getByRole('status').first()).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(await seriousViolations(page, '[data-testid="share-dialog"]')).toEqual([]);
  await page.screenshot({ path: 'test-results/share-dialog-1280x800.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // another browser: a learner with their own saved work opens the link
  const other = await freshPage(browser);
  other.on('pageerror', (e) => errors.push(e.message));
  await other.goto('./');
  await expect(other.getByTestId('clock')).toHaveText(START);
  await run(other, 'airflow dags list');
  await other.goto(url);
  await expect(other.getByTestId('shared-banner')).toBeVisible();
  await expect(other.getByTestId('clock')).toHaveText(before.clock);
  await expect(other.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true');
  await expect(other.locator('[data-ti]').first()).toBeVisible();
  expect(await gridCells(other)).toEqual(before.grid);
  expect(await other.evaluate(() => location.hash)).toBe(''); // read once, then cleared
  await expect(other.getByTestId('console-entry').filter({ hasText: 'airflow dags list' })).toHaveCount(0); // their own console is not mixed in
  await other.screenshot({ path: 'test-results/share-opened-1280x800.png' });

  // back to their own workspace: as they left it
  await other.getByTestId('shared-back').click();
  await expect(other.getByTestId('shared-banner')).toHaveCount(0);
  await expect(other.getByTestId('clock')).toHaveText(START);
  await other.reload(); // nothing of the shared workspace was saved over theirs
  await expect(other.getByTestId('clock')).toHaveText(START);
  await expect(other.getByTestId('console-log')).toContainText('$ airflow dags list');

  // keeping a shared workspace saves it as a new one: a reload finds it
  await other.goto(url);
  await expect(other.getByTestId('clock')).toHaveText(before.clock);
  await other.getByTestId('shared-keep').click();
  await expect(other.getByTestId('shared-banner')).toHaveCount(0);
  await other.reload();
  await expect(other.getByTestId('clock')).toHaveText(before.clock);
  expect(errors).toEqual([]);
  await other.context().close();
});

test('a damaged link says so, and the learner’s workspace opens as usual', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await page.getByTestId('share-open').click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.goto(url.slice(0, url.length - 12)); // cut off, as a chat app might (a hash change: read at once)
  await expect(page.getByTestId('shared-error')).toContainText('damaged');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await page.getByTestId('language').selectOption('ko');
  await expect(page.getByTestId('shared-error')).toContainText('손상');
});

test('workspace file: download, then open in another browser to the same state', async ({ page, browser }) => {
  const before = await makeState(page);
  await page.getByTestId('share-open').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-export').click()]);
  expect(file.suggestedFilename()).toMatch(/\.airflow-sim\.json$/);
  const path = await file.path();

  const other = await freshPage(browser);
  await other.goto('./');
  await expect(other.getByTestId('clock')).toHaveText(START);
  await other.getByTestId('share-open').click();
  await other.getByTestId('share-import').setInputFiles(path);
  await expect(other.getByTestId('share-dialog').getByRole('status').nth(1)).toContainText('as a new workspace');
  await expect(other.getByTestId('clock')).toHaveText(before.clock);
  await other.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await openEtlGrid(other);
  expect(await gridCells(other)).toEqual(before.grid);

  // a file that is not a workspace is refused with the reason
  await other.getByTestId('share-open').click();
  await other.getByTestId('share-import').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
  await expect(other.getByTestId('share-dialog').getByRole('alert')).toContainText('not a workspace file');
  await other.context().close();
});

test('Download in the Code view gives the DAG file exactly as in the editor', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await openView(page, /Code/);
  await expect(page.getByTestId('code-current')).toHaveText('etl.py');
  const download = async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('code-download').click()]);
    expect(file.suggestedFilename()).toBe('etl.py');
    return readFileSync((await file.path())!, 'utf8');
  };
  const sample = readFileSync('src/app/samples/etl3.py', 'utf8');
  expect(await download()).toBe(sample);
  // an edit not saved yet is in the download too: the file as the learner sees it
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# my change\n');
  expect(await download()).toBe(`# my change\n${sample}`);
});

test('lesson builder: the session downloads as a lesson .zip', async ({ page }) => {
  await makeState(page);
  await page.getByTestId('share-open').click();
  await page.getByTestId('lesson-id').fill('90-catchup-demo');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lesson-download').click()]);
  expect(file.suggestedFilename()).toBe('90-catchup-demo.zip');
  const zip = readFileSync((await file.path())!);
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.toString('latin1')).toContain('90-catchup-demo/lesson.json');
});

test('a link pasted into a tab during a lesson leaves the lesson and opens the shared workspace', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await run(page, 'airflow dags unpause etl');
  await page.getByTestId('share-open').click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-01-dags-and-tasks').getByRole('button', { name: /Start/ }).click();
  await expect(page.getByTestId('lesson-reader')).toBeVisible();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-03 09:00:00 UTC'); // the lesson's clock
  await page.goto(url); // same page, new fragment: no reload
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByTestId('lesson-reader')).toHaveCount(0);
  await expect(page.getByTestId('clock')).toHaveText(START);
  await expect(page.getByTestId('clock-lock')).toHaveCount(0);
});

test('a workspace file opened during a lesson leaves the lesson and opens the file', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await run(page, 'airflow dags unpause etl');
  await page.getByTestId('share-open').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-export').click()]);
  const path = (await file.path())!;
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-01-dags-and-tasks').getByRole('button', { name: /Start/ }).click();
  await expect(page.getByTestId('lesson-reader')).toBeVisible();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-03 09:00:00 UTC'); // the lesson's clock
  await page.getByTestId('share-open').click();
  await page.getByTestId('share-import').setInputFiles(path);
  await expect(page.getByTestId('share-dialog').getByRole('status').nth(1)).toContainText('as a new workspace');
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('lesson-reader')).toHaveCount(0);
  await expect(page.getByTestId('lessons-toggle')).not.toContainText('Leave');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await expect(page.getByTestId('clock-lock')).toHaveCount(0);
});

test('a link loaded in a tab that had a lesson open opens the shared workspace, not the lesson over it', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await run(page, 'airflow dags unpause etl');
  await page.getByTestId('share-open').click();
  const url = await page.getByTestId('share-url').inputValue();
  await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-01-dags-and-tasks').getByRole('button', { name: /Start/ }).click();
  await expect(page.getByTestId('lesson-reader')).toBeVisible();
  await page.goto('about:blank'); // the tab keeps its sessionStorage (the lesson it had open)
  await page.goto(url);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByTestId('clock')).toHaveText(START);
  await page.waitForTimeout(1000); // a lesson resumed late would open over it now
  await expect(page.getByTestId('lesson-reader')).toHaveCount(0);
  await expect(page.getByTestId('clock')).toHaveText(START);
});
