import { expect, test, type Page } from '@playwright/test';
import { openView, seriousViolations } from './helpers.ts';

// The sample DAG `etl` (Airflow 3, @daily from 2024-06-01, catchup) starts paused at
// 2024-06-01 00:00 UTC: nothing is due until the learner unpauses it. Under Airflow 3 "@daily"
// is a CronTriggerTimetable: the run for 2024-06-01 00:00 is due at once, the next at 06-02.
const FIRST = 'scheduled__2024-06-01T00:00:00+00:00';

/** Unpaused: "Next run" creates the 06-01 run now, again runs it and stops at 06-02 00:00. */
async function twoRuns(page: Page): Promise<void> {
  await page.getByTestId('next-run').click();
  await expect(page.locator('p[role="status"]')).toContainText(FIRST);
  await page.getByTestId('next-run').click();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-02 00:00:00 UTC');
}


async function unpauseEtl(page: Page): Promise<void> {
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC'); // the workspace is open
  await openView(page, /DAGs/);
  const toggle = page.getByTestId('pause-toggle-etl');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('next-blocked-etl')).toContainText('paused');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('next-blocked-etl')).toHaveCount(0);
}

/** The Grid of etl (the workspace has other sample DAGs too): the DAGs view's dag_id link opens it. */
async function openEtlGrid(page: Page): Promise<void> {
  await openView(page, /DAGs/);
  await page.getByTestId('dag-row-etl').getByRole('button', { name: 'etl', exact: true }).click();
  await expect(page.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true');
}


test('unpause from the DAGs view, run the clock, and read the grid', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');

  await unpauseEtl(page);
  // the switch ran the CLI command: the session's command log has it (the console shows it)
  await expect(page.getByText('airflow dags unpause etl').first()).toBeAttached();
  await expect(page.getByTestId('dag-row-etl')).toContainText('2024-06-01 00:00 UTC');

  await twoRuns(page);

  await openEtlGrid(page);
  const first = FIRST;
  for (const task of ['extract', 'transform', 'load']) {
    await expect(page.locator(`[data-ti="${task}|${first}"]`)).toHaveAttribute('data-state', 'success');
  }
  await expect(page.locator(`[data-ti="extract|${first}"]`)).toHaveAttribute('aria-label', `extract, ${first}, success, try 1`);
  await page.screenshot({ path: 'test-results/grid-1280.png' });

  // open a finished task: its log
  await page.locator(`[data-ti="extract|${first}"]`).click();
  const panel = page.getByTestId('task-panel');
  await expect(panel).toContainText('extract');
  await expect(panel.getByTestId('task-log')).toContainText('extracting 2024-06-01');
  await expect(panel.getByTestId('task-clear')).toBeEnabled();
  await page.screenshot({ path: 'test-results/grid-panel-1280.png' });

  // Clear runs the CLI line; the cleared task runs again as try 2
  await panel.getByTestId('task-clear').click();
  await expect(page.getByText(`airflow tasks clear etl -t '^extract$' -s 2024-06-01T00:00:00+00:00`).first()).toBeAttached();
  await page.getByTestId('next-run').click();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-03 00:00:00 UTC');
  await expect(page.locator(`[data-ti="extract|${first}"]`)).toHaveAttribute('aria-label', `extract, ${first}, success, try 2`);
  await expect(panel.getByRole('tab', { name: /Try 2/ })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/grid-panel-try2-1280.png' });

  await openView(page, /DAGs/);
  await page.screenshot({ path: 'test-results/dags-1280.png' });
  await openView(page, /Gantt/);
  await expect(page.locator('.gantt svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/gantt-1280.png' });

  // three weeks of runs
  await page.getByTestId('task-close').click();
  await page.getByPlaceholder('2024-06-05 12:00').fill('2024-06-25 06:00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-25 06:00:00 UTC');
  await openView(page, /Grid/);
  await expect(page.locator('[data-cell="run"]')).toHaveCount(25);
  await page.screenshot({ path: 'test-results/grid-many-1280.png' });
  await page.locator('[data-cell="ti"]').last().click();

  await page.setViewportSize({ width: 1920, height: 1080 });
  await openView(page, /Grid/);
  await page.screenshot({ path: 'test-results/grid-panel-1920.png' });
  await openView(page, /DAGs/);
  await page.screenshot({ path: 'test-results/dags-1920.png' });
  expect(errors).toEqual([]);
});

test('"why is this not running?" for a task of a run whose DAG was paused', async ({ page }) => {
  await page.goto('./');
  await unpauseEtl(page);
  await page.getByTestId('next-run').click();
  await expect(page.locator('p[role="status"]')).toContainText(FIRST);
  // pause again while the new run has not got to `load`
  await page.getByTestId('pause-toggle-etl').click();
  await expect(page.getByTestId('pause-toggle-etl')).toHaveAttribute('aria-checked', 'false');
  await openEtlGrid(page);
  const cell = page.locator('[data-ti="load|scheduled__2024-06-01T00:00:00+00:00"]');
  await cell.click();
  const why = page.getByTestId('task-panel').getByTestId('why');
  await expect(why).toContainText(/paused/i);
  await page.screenshot({ path: 'test-results/why-1280.png' });
  // Esc closes the panel and gives focus back to the cell
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('task-panel')).toHaveCount(0);
  await expect(cell).toBeFocused();
});

test('the grid moves with the arrow keys (roving tabindex) and opens a cell with Enter', async ({ page }) => {
  await page.goto('./');
  await unpauseEtl(page);
  await twoRuns(page);
  await openEtlGrid(page);
  const cells = page.locator('[data-cell="ti"]');
  await expect(cells.first()).toBeVisible();
  // exactly one cell is in the tab order
  await expect(page.locator('[data-cell][tabindex="0"]')).toHaveCount(1);
  await page.locator('[data-cell][tabindex="0"]').focus();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-ti') ?? document.activeElement?.getAttribute('data-cell'));
  const start = await focused();
  expect(start).toMatch(/^extract\|/);
  await page.keyboard.press('ArrowDown');
  expect(await focused()).toMatch(/^transform\|/);
  await page.keyboard.press('ArrowLeft');
  expect(await focused()).toBe(`transform|${FIRST}`);
  // arrows in the grid do not step the clock (→ is the app's "step" shortcut elsewhere)
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-02 00:00:00 UTC');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('task-panel')).toContainText('transform');
  await expect(page.locator('[data-ti="transform|scheduled__2024-06-01T00:00:00+00:00"]')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('task-close').click();
  await expect(page.getByTestId('task-panel')).toHaveCount(0);
  await expect(page.locator('[data-ti="transform|scheduled__2024-06-01T00:00:00+00:00"]')).toBeFocused();
});

test('the DAGs and Grid views have no serious accessibility violations', async ({ page }) => {
  await page.goto('./');
  await unpauseEtl(page);
  await twoRuns(page);
  expect(await seriousViolations(page)).toEqual([]);
  await openEtlGrid(page);
  await expect(page.locator('[data-cell="ti"]').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator('[data-cell="ti"]').first().click();
  await expect(page.getByTestId('task-log')).toBeVisible();
  expect(await seriousViolations(page, 'aside')).toEqual([]);
});

test('in Korean the DAGs view speaks Korean and keeps Airflow terms', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('language').selectOption('ko');
  await page.getByRole('tab', { name: /DAG/ }).first().click();
  await expect(page.getByTestId('dag-row-etl')).toContainText('논리적 날짜 (logical date)');
  await expect(page.getByTestId('next-blocked-etl')).toContainText('일시 정지');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/dags-ko-1280.png' });
});

test('a broken DAG file shows in the DAGs view banner, and its location opens the Code view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC'); // the workspace is open
  await openView(page, /Code/);
  const content = page.locator('.cm-content');
  await expect(content).toContainText('extract >> transform >> load', { timeout: 15_000 });
  await content.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('    load >> extract\n');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('code-state')).toContainText('Saved');

  await openView(page, /DAGs/);
  const banner = page.getByTestId('broken-dags');
  await expect(banner).toContainText('Broken DAG');
  await expect(banner).toContainText('Cycle detected');
  await expect(page.getByTestId('dag-row-etl')).toContainText('not loaded');
  await page.screenshot({ path: 'test-results/dags-broken-1280.png' });
  await banner.getByRole('button', { name: /etl\.py:17:/ }).click();
  await expect(page.getByRole('tab', { name: /Code/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('code-current')).toHaveText('etl.py');
});
