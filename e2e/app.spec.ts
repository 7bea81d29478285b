import { expect, test } from '@playwright/test';

test('the start page runs the example DAG in the engine worker and lists its runs', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const rows = page.getByTestId('dag-run');
  // Airflow 3, @daily, catchup=True from 2024-06-01, unpaused 06-03 12:00, until 06-04 12:00:
  // the trigger timetable fires at 06-01, 06-02, 06-03 (caught up) and 06-04.
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText('scheduled__2024-06-01T00:00:00+00:00');
  await expect(rows.first()).toContainText('success');
  await page.screenshot({ path: 'test-results/start-page.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the language can be switched to Korean', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox').selectOption('ko');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Airflow 스케줄러 시뮬레이터');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});
