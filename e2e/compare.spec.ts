import { expect, test, type Page } from '@playwright/test';
import { openView, seriousViolations, shoot } from './helpers.ts';

// The compare view: the sample workspace (Airflow 3, DAG `etl`) against Airflow 2.10, and a
// "what if" fork, both played to the same instant in two panes. Differences carry ≠ and words.

async function run(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
});

test('Airflow 2.10 vs 3.x: the same workspace under both, played together, differences in words', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await run(page, 'airflow dags unpause etl');
  await openView(page, /compare/i);
  const view = page.getByTestId('compare');
  await expect(view.getByTestId('compare-clock')).toHaveText('2024-06-01 00:00 UTC');
  await view.getByRole('button', { name: '+1d' }).click();
  await expect(view.getByTestId('compare-clock')).toHaveText('2024-06-02 00:00 UTC');
  await view.getByRole('button', { name: '+1d' }).click();
  await expect(view.getByTestId('compare-clock')).toHaveText('2024-06-03 00:00 UTC');
  await expect(view.getByTestId('compare-summary')).toContainText('Airflow 3.x (this workspace)');
  await expect(view.getByTestId('compare-summary')).toContainText('Airflow 2.10 (translated)');
  await expect(view.getByTestId('pane-left')).toBeVisible();
  await expect(view.getByTestId('pane-right')).toBeVisible();
  // the imports were moved for 2.10, and the view says so
  await view.getByTestId('compare-notes').locator('summary').click();
  await expect(view.getByTestId('compare-notes')).toContainText('import moved');
  // a difference is named, not only coloured
  await expect(view.locator('.verdicts')).toContainText(/Differs: |Only on the/);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'compare-versions');
  expect(errors).toEqual([]);
});

test('what if: a fork with the default pool emptied, both futures at the same time', async ({ page }) => {
  await run(page, 'airflow dags unpause etl');
  await openView(page, /compare/i);
  const view = page.getByTestId('compare');
  await view.getByLabel('What if…').check();
  const form = view.getByTestId('whatif');
  // the fork's default pool has no slot: its tasks wait while the other side's run
  await form.getByLabel('Change').selectOption('pool');
  await form.getByLabel('Slots').fill('0');
  await form.getByRole('button', { name: 'Fork here' }).click();
  await expect(view).toContainText("Change made at 2024-06-01 00:00: airflow pools set default_pool 0 'Default pool'");
  await view.getByRole('button', { name: '+1w' }).click();
  await expect(view.getByTestId('compare-clock')).toHaveText('2024-06-08 00:00 UTC');
  await expect(view.getByTestId('compare-summary')).toContainText('As it is');
  await expect(view.getByTestId('compare-summary')).toContainText('With the change');
  await expect(view.locator('.verdicts')).toContainText('Differs: state');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'compare-whatif');
  // the learner's own clock did not move
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
});
