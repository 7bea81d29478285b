import { expect, test, type Page } from '@playwright/test';
import { seriousViolations, shoot } from './helpers.ts';

// Lessons played as a newcomer plays them, by hand (never Solve): lesson 1 in English with the
// commands typed, a typo on the way, the file edited in the Code view with the keyboard and the
// clock played with Play; lesson 5's prediction in Korean. Written against lessons/01-dags-and-tasks
// and lessons/05-data-intervals.

async function type(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
}

async function openLesson(page: Page, id: string): Promise<void> {
  await page.goto('./');
  await expect(page.getByTestId('lessons-toggle')).toBeEnabled();
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId(`lesson-${id}`).getByRole('button').click();
  await expect(page.getByTestId('lesson-reader')).toBeVisible();
}

test.use({ screenshot: 'only-on-failure' });

test('lesson 1 by hand in English: typed commands, a typo, Play, a file edited in the Code view', async ({ page }) => {
  test.setTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  const t0 = Date.now();
  await openLesson(page, '01-dags-and-tasks');
  const goal = page.getByTestId('goal');
  const next = page.getByTestId('next');

  // step 1: the step's views are one click away; the first is open
  await expect(page.getByRole('tab', { name: /Code/ })).toHaveAttribute('aria-selected', 'true');
  const chips = page.getByTestId('step-views');
  await expect(chips.getByRole('button')).toHaveText([/Code/, /Graph/]);
  await chips.getByRole('button', { name: /Graph/ }).click();
  await expect(page.getByRole('tab', { name: /Graph/ })).toHaveAttribute('aria-selected', 'true');
  await expect(chips.getByRole('button', { name: /Graph/ })).toHaveAttribute('aria-pressed', 'true');
  // a typo: Airflow's own error, the goal stays open, nothing is stuck
  await type(page, 'airflow task list etl');
  await expect(page.getByTestId('console-exit').last()).toBeVisible();
  await page.waitForTimeout(400);
  await expect(goal).toContainText('Not yet');
  await type(page, 'airflow tasks list etl');
  await expect(goal).toContainText('Done');
  await next.click();

  // step 2: predict, then type, then press Play: the goal stops the clock and says so
  await expect(page.getByTestId('clock-lock')).toContainText('The clock waits for your prediction');
  await page.getByTestId('predict').getByLabel('extract').check();
  await page.getByRole('button', { name: 'Lock my answer' }).click();
  await type(page, 'airflow dags unpause etl');
  await type(page, 'airflow dags trigger etl');
  const before = Date.parse(((await page.getByTestId('clock').getAttribute('datetime')) ?? '').trim());
  await page.getByTestId('play').click();
  await expect(goal).toContainText('Done');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText('Goal reached: the clock paused')).toBeVisible();
  const after = Date.parse(((await page.getByTestId('clock').getAttribute('datetime')) ?? '').trim());
  // the run takes a minute (20 + 30 + 10 s of tasks): Play stops near it, not hours later
  expect(after - before).toBeLessThan(30 * 60_000);
  await page.getByTestId('show-truth').click();
  await expect(page.getByTestId('predict-truth')).toHaveText('extract');
  await next.click();

  // step 3: predict, then add the line in the Code view by keyboard and save
  await expect(page.getByRole('tab', { name: /Code/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('code-current')).toHaveText('etl.py');
  await page.getByTestId('predict').getByLabel(/Refuse it/).check();
  await page.getByRole('button', { name: 'Lock my answer' }).click();
  await page.locator('.cm-line', { hasText: 'extract >> transform >> load' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter'); // the editor keeps the with-block's indent
  await page.keyboard.type('load >> extract');
  await page.getByTestId('code-save').click();
  await expect(goal).toContainText('Done');
  await expect(page.getByTestId('code-errors')).toContainText(/Cycle/i);
  await page.getByTestId('show-truth').click();
  await expect(page.getByTestId('predict')).toContainText('Your prediction matches.');
  await next.click();

  // step 4: delete the line again and save; until then the step names the file Airflow cannot read
  await expect(page.getByTestId('goal-broken')).toContainText('Airflow cannot read etl.py');
  await page.locator('.cm-line', { hasText: 'load >> extract' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+s');
  await expect(goal).toContainText('Done');
  await expect(page.getByTestId('goal-broken')).toHaveCount(0);
  await next.click();
  await expect(page.getByTestId('lesson-finished')).toContainText('4 of 4 steps done');
  // machine time for the whole lesson; a newcomer adds reading and typing (see the report)
  console.log(`lesson 1 by hand: ${((Date.now() - t0) / 1000).toFixed(1)} s of app time`);
  expect(errors).toEqual([]);
});

test('lesson 5 in Korean: the prediction holds the clock, then the truth and the explanation', async ({ page }) => {
  test.setTimeout(45_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByTestId('language').selectOption('ko');
  await expect(page.getByTestId('lessons-toggle')).toBeEnabled();
  await page.getByTestId('lessons-toggle').click();
  await page.getByTestId('lesson-05-data-intervals').getByRole('button').click();
  const predict = page.getByTestId('predict');
  await expect(predict).toContainText('unpause하고 5분 뒤');
  await expect(page.getByTestId('clock-lock')).toContainText('예측에 먼저 답해야 시계가 움직입니다');
  await expect(page.getByTestId('play')).toBeDisabled();
  await expect(page.getByTestId('step-views').getByRole('button')).toHaveText([/데이터 구간/, /DAG 목록/]);
  await shoot(page, 'lessons-play-ko-predict');
  expect(await seriousViolations(page, '[data-testid="lesson-reader"]')).toEqual([]);

  // a wrong answer on purpose: the lesson must say it differs and explain
  await predict.getByRole('radio', { name: /^2개/ }).check();
  await predict.getByRole('button', { name: '답 확정' }).click();
  await expect(page.getByTestId('predict-answer')).toContainText('2개');
  await expect(page.getByTestId('play')).toBeEnabled();
  await type(page, 'airflow dags unpause sales_interval');
  await type(page, 'airflow dags unpause sales_trigger');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('goal')).toContainText('달성');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('predict-truth')).toHaveCount(0); // hidden until asked
  await page.getByTestId('show-truth').click();
  await expect(page.getByTestId('predict-truth')).toHaveText(/^1개/);
  await expect(predict).toContainText('예측과 다릅니다');
  await expect(page.getByTestId('after')).toBeVisible();
  await shoot(page, 'lessons-play-ko-truth');
  await expect(page.getByTestId('next')).toBeEnabled();

  // a tablet: the lesson can still be read and stepped
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByTestId('next')).toBeInViewport();
  await expect(page.getByTestId('lesson-reader')).toBeInViewport();
  await page.screenshot({ path: 'test-results/lessons-play-ko-1024x768.png' });
});
