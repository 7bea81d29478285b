import { expect, test } from '@playwright/test';
import { seriousViolations } from './helpers.ts';

// Presenter mode on a 1920x1080 projector: large type, Architecture and Grid side by side, the
// remote's keys drive the clock and show in an overlay; screenshots for review.

const START = '2024-06-01 00:00:00 UTC';

test('presenter mode: layout, remote keys, key overlay, screenshots at 1920x1080', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await page.getByTestId('console-input').fill('airflow dags unpause etl');
  await page.getByTestId('console-input').press('Enter');
  await page.getByTestId('next-run').click();
  await page.getByTestId('next-run').click();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-02 00:00:00 UTC');

  await page.locator('body').click({ position: { x: 5, y: 300 } }); // focus out of the console
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter')).toBeVisible();
  await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
  // Architecture and Grid side by side
  const panes = page.getByTestId('presenter').locator('section.pane');
  await expect(panes).toHaveCount(2);
  const [a, g] = [await panes.nth(0).boundingBox(), await panes.nth(1).boundingBox()];
  expect(a!.x + a!.width).toBeLessThanOrEqual(g!.x + 1);
  await expect(page.locator('[data-ti]').first()).toBeVisible();

  // a remote's Page Down steps the clock; the overlay shows the key, hidden from screen readers
  const clock = page.getByTestId('clock');
  /** Page Down until the clock moves (several events can share one instant). */
  const stepOn = async () => {
    const at = await clock.textContent();
    for (let i = 0; i < 12 && (await clock.textContent()) === at; i++) {
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(150);
    }
    await expect(clock).not.toHaveText(at!);
    return at!;
  };
  await stepOn();
  const overlay = page.getByTestId('key-overlay');
  await expect(overlay).toHaveAttribute('aria-hidden', 'true');
  await expect(overlay).toContainText('Page Down');
  await expect(overlay).toContainText('Step');
  await stepOn();
  await page.screenshot({ path: 'test-results/presenter-1920x1080.png' });
  // Page Up goes back to exactly where the clock was before the last step
  const was = await stepOn();
  await page.keyboard.press('PageUp');
  await expect(clock).toHaveText(was);
  await expect(overlay).toContainText('Step back');
  await expect(overlay).toHaveText('', { timeout: 4000 }); // gone after 2 s

  expect(await seriousViolations(page, '[data-testid="presenter"]')).toEqual([]);
  await page.getByTestId('language').selectOption('ko');
  await page.screenshot({ path: 'test-results/presenter-ko-1920x1080.png' });
  await page.getByTestId('language').selectOption('en');

  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-presenter'))).toBe(false);
  expect(errors).toEqual([]);
});

test('presenter mode in a lesson: the text beside the views, Page Down to the next step, the prediction’s answer hidden', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText(START);
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-01-dags-and-tasks').getByRole('button', { name: /Start/ }).click();
  const reader = page.getByTestId('lesson-reader');
  await expect(reader).toContainText('Step 1 of 4');
  await page.getByTestId('console-input').fill('airflow tasks list etl');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('next')).toBeEnabled(); // the step's goal is reached

  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('presenter').getByTestId('lesson-reader')).toBeVisible();
  await page.locator('body').click({ position: { x: 960, y: 5 } }); // focus out of the console
  await page.keyboard.press('PageDown');
  await expect(reader).toContainText('Step 2 of 4');
  await expect(page.getByTestId('predict')).toBeVisible();
  await expect(page.getByTestId('predict-truth')).toHaveCount(0); // the class sees the question, not the answer
  await expect(page.getByTestId('key-overlay')).toContainText('Next step');
  expect(await seriousViolations(page, '[data-testid="presenter"]')).toEqual([]);
  await page.screenshot({ path: 'test-results/presenter-lesson-1920x1080.png' });
  await page.getByTestId('language').selectOption('ko');
  await page.screenshot({ path: 'test-results/presenter-lesson-ko-1920x1080.png' });
  await page.getByTestId('language').selectOption('en');

  await page.keyboard.press('PageUp');
  await expect(reader).toContainText('Step 1 of 4');
  expect(errors).toEqual([]);
});
