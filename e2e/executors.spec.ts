import { expect, test } from '@playwright/test';
import { seriousViolations } from './helpers.ts';

// Lesson 13 in the app: a step whose reset fixes Airflow 2.10 and SequentialExecutor shows that
// version in the header (the switch off, saying why), runs the step's executor, and the next
// reset step is back on the learner's version with its own executor.

test.use({ screenshot: 'only-on-failure' });

test('lesson 13: a 2.10 SequentialExecutor step, then LocalExecutor on the learner\'s version', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-13-executors').getByRole('button', { name: /Start/ }).click();
  const reader = page.getByTestId('lesson-reader');
  await expect(reader).toContainText('Step 1 of 8');

  // step 1 runs on 2.10: the header says so and cannot switch
  const profile = page.getByTestId('profile');
  await expect(profile).toHaveValue('2');
  await expect(profile).toBeDisabled();
  await expect(profile).toHaveAttribute('title', 'This step runs on Airflow 2.10: the lesson sets it for this step.');
  const input = page.getByTestId('console-input');
  await input.fill('airflow config get-value core executor');
  await input.press('Enter');
  await expect(page.getByTestId('goal')).toContainText(/Done/);
  await expect(page.getByTestId('after')).toContainText('SequentialExecutor');
  await expect(page.locator('#view')).toContainText('SequentialExecutor'); // the Architecture view
  expect(await seriousViolations(page, 'header')).toEqual([]);
  await page.getByTestId('next').click();

  // step 2: the run takes an hour, one task after another
  await expect(reader).toContainText('Step 2 of 8');
  await expect(profile).toHaveValue('2');
  await page.getByTestId('predict').getByLabel(/10:00/).check();
  await page.getByRole('button', { name: 'Lock my answer' }).click();
  await page.getByTestId('solve').click();
  await expect(page.getByTestId('goal')).toContainText(/Done/);
  await page.getByTestId('show-truth').click();
  await expect(page.getByTestId('predict-truth')).toContainText('10:00');
  await expect(page.getByTestId('predict')).toContainText('Your prediction matches.');
  await page.getByTestId('next').click();

  // step 3: back on the version the learner had (3.x), LocalExecutor, the switch on again
  await expect(reader).toContainText('Step 3 of 8');
  await expect(profile).toHaveValue('3');
  await expect(profile).toBeEnabled();
  await page.getByRole('tab', { name: /Architecture/ }).click();
  await expect(page.locator('#view')).toContainText('LocalExecutor');
  expect(errors).toEqual([]);
});
