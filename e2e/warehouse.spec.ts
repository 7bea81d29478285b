import { expect, test, type Page } from '@playwright/test';
import { openView, seriousViolations, shoot } from './helpers.ts';

// The Warehouse view: the SQLite database (sql.js) SQL tasks write to. sql.js is not part of the
// first view: it is fetched when something needs SQL. A query runs as `sim sql "..."` through the
// console, so it is recorded, replayed after a reload, and shown with its CLI line.

async function query(page: Page, sql: string): Promise<void> {
  await page.getByTestId('wh-sql').fill(sql);
  await page.getByTestId('wh-run').click();
}

test.use({ screenshot: 'only-on-failure' });

test('queries run as sim sql, show their rows, survive a reload; sql.js loads only when needed', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (/sql-wasm|sqljs|sql\.js/.test(r.url())) wasm.push(r.url());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await openView(page, /Warehouse/);
  await expect(page.getByTestId('wh-none')).toBeVisible();
  expect(wasm).toEqual([]);

  await query(page, 'CREATE TABLE sales (day TEXT PRIMARY KEY, amount INTEGER)');
  await expect(page.getByTestId('wh-count-sales')).toHaveText('0');
  await query(page, "INSERT INTO sales VALUES ('2024-06-01', 100)");
  await expect(page.getByTestId('wh-result')).toContainText('1 row changed');
  await expect(page.getByTestId('wh-count-sales')).toHaveText('1');
  expect(wasm.some((u) => u.includes('.wasm'))).toBe(true);

  // the same INSERT again: the primary key refuses it, as SQLite does
  await query(page, "INSERT INTO sales VALUES ('2024-06-01', 100)");
  await expect(page.getByTestId('wh-result')).toContainText('Error: UNIQUE constraint failed: sales.day');
  await expect(page.getByTestId('wh-count-sales')).toHaveText('1');

  await query(page, "SELECT day, amount FROM sales");
  await expect(page.getByTestId('wh-result')).toContainText('| 2024-06-01 | 100    |');
  await expect(page.getByTestId('wh-grid')).toContainText('2024-06-01');
  // the console shows the command the query box ran, marked as coming from the UI
  await expect(page.getByTestId('console-entry').last()).toContainText('sim sql "SELECT day, amount FROM sales"');

  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'warehouse');

  // a reload replays the recorded commands: the warehouse is rebuilt with the same row
  await page.reload();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await openView(page, /Warehouse/);
  await expect(page.getByTestId('wh-count-sales')).toHaveText('1');
  expect(errors).toEqual([]);
});

test('Korean: the view and its messages', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await page.getByTestId('language').selectOption('ko');
  await openView(page, /웨어하우스/);
  await expect(page.getByTestId('wh-none')).toContainText('아직 웨어하우스가 없습니다');
  await expect(page.getByTestId('wh-run')).toHaveText('실행');
  expect(await seriousViolations(page)).toEqual([]);
});

test('lesson 10 in the app: a retried INSERT leaves four rows, seen in the Warehouse view and with a query', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-10-idempotency').getByRole('button', { name: /Start/ }).click();
  const reader = page.getByTestId('lesson-reader');
  await expect(reader.getByTestId('lesson-title')).toHaveText('Idempotency and atomicity');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-03 09:00:00 UTC');

  // step 1: predict, then Solve (unpause, ten minutes); the table was created by the step's setup
  await page.getByTestId('predict').getByLabel(/each try inserted two rows/).check();
  await page.getByRole('button', { name: 'Lock my answer' }).click();
  await page.getByTestId('solve').click();
  await expect(page.getByTestId('goal')).toContainText(/Done/);
  await page.getByTestId('show-truth').click();
  await expect(page.getByTestId('predict-truth')).toHaveText(/4/);
  await openView(page, /Warehouse/);
  await expect(page.getByTestId('wh-count-sales')).toHaveText('4');
  await page.getByTestId('next').click();

  // step 2: the learner's own query from the view reaches the goal
  await expect(page.getByTestId('goal')).toContainText('Not yet');
  await page.getByTestId('wh-sql').fill('SELECT day, store, count(*) AS copies FROM sales GROUP BY day, store');
  await page.getByTestId('wh-run').click();
  await expect(page.getByTestId('wh-result')).toContainText('| 2024-06-03 | busan | 2      |');
  await expect(page.getByTestId('goal')).toContainText(/Done/);
  await shoot(page, 'lesson10-warehouse');
  expect(errors).toEqual([]);
});
