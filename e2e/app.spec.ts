import { expect, test } from '@playwright/test';

test('the app starts an Airflow 3 cluster on a virtual clock and moves it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Airflow');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  // the example DAG is paused at creation, so nothing is due; "next run" reports that it stopped
  await page.getByRole('button', { name: /step/i }).first().click();
  await expect(page.getByTestId('clock')).not.toHaveText('');
  await page.keyboard.press('3');
  await expect(page.getByRole('tab', { name: /graph/i })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'test-results/shell.png' });
  expect(errors).toEqual([]);
});

test('the language can be switched to Korean, and the ? key lists the shortcuts', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('language').selectOption('ko');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Airflow 스케줄러 시뮬레이터');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('키보드 단축키');
});

test('the clock steps to the scheduler\'s next loop, by button and by the L key', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  const input = page.getByTestId('console-input');
  await input.fill('airflow dags unpause etl');
  await input.press('Enter');
  await expect(page.getByTestId('console-output').last()).toContainText('etl');
  await page.getByTestId('next-loop').click();
  await expect(page.getByText(/the scheduler ran one loop/)).toBeVisible();
  await page.getByTestId('clock').click();
  await page.keyboard.press('l');
  await expect(page.getByText(/the scheduler ran one loop/)).toBeVisible();
});

test('keyboard: Space presses the focused button (not Play), a dialog keeps its keys, the ? dialog takes and gives back the focus', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  const tab = await page.getByRole('tab', { selected: true }).textContent();
  await page.getByTestId('share-open').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('3'); // inside the dialog: not the Graph view behind it
  await page.waitForTimeout(200);
  expect(await page.getByRole('tab', { selected: true }).textContent()).toBe(tab);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toBeHidden();
  await page.getByTestId('presenter-toggle').focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('presenter-toggle')).toBeFocused();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
});
