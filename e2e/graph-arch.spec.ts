import { expect, test, type Page } from '@playwright/test';
import { openView, seriousViolations, shoot } from './helpers.ts';

// The graph, architecture and data-interval views, driven only through the UI.


async function unpauseEtl(page: Page): Promise<void> {
  await openView(page, /graph/i);
  await page.getByTestId('graph-dag').selectOption('etl');
  const toggle = page.getByTestId('graph-pause');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
}



test.use({ screenshot: 'only-on-failure' });

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
});

test('the graph lays out etl and its states change as the run goes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openView(page, /graph/i);
  await page.getByTestId('graph-dag').selectOption('etl');
  const canvas = page.getByTestId('graph-canvas');
  for (const t of ['extract', 'transform', 'load']) await expect(canvas.locator(`.node[data-task="${t}"]`)).toBeVisible();
  await expect(canvas.locator('[data-edge="extract>transform"]')).toHaveCount(1);
  await expect(canvas.locator('[data-edge="transform>load"]')).toHaveCount(1);
  // left to right
  const x = async (t: string) => (await canvas.locator(`.node[data-task="${t}"]`).boundingBox())!.x;
  expect(await x('extract')).toBeLessThan(await x('transform'));
  expect(await x('transform')).toBeLessThan(await x('load'));
  await expect(canvas.locator('.node[data-task="extract"]')).toHaveAttribute('data-state', 'none');

  await unpauseEtl(page);
  await page.getByTestId('next-run').click();
  await expect(page.getByTestId('graph-run')).toBeVisible();
  // play until the first run's tasks have run
  await page.getByTestId('play').click();
  await expect(canvas.locator('.node[data-task="load"]')).toHaveAttribute('data-state', 'success', { timeout: 15_000 });
  await page.getByTestId('play').click();
  await expect(canvas.locator('.node[data-task="extract"]')).toHaveAttribute('data-state', 'success');

  // keyboard: focus the graph, zoom and pan without moving the clock, then open a task
  const clock = await page.getByTestId('clock').textContent();
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('+');
  await expect(page.getByTestId('clock')).toHaveText(clock!);
  await canvas.locator('.node[data-task="transform"]').focus();
  await page.keyboard.press('Enter');
  await expect(canvas.locator('.node[data-task="transform"]')).toHaveClass(/selected/);
  await page.keyboard.press('0');

  expect(await seriousViolations(page, '#view')).toEqual([]);
  await shoot(page, 'graph');
  expect(errors).toEqual([]);
});

test('the architecture view shows the cluster and the messages of a run', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await unpauseEtl(page);
  await openView(page, /architecture/i);
  const diagram = page.getByTestId('arch-diagram');
  for (const name of [/DAG processor/, /Scheduler/, /Executor queue/, /Metastore/]) await expect(diagram.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('arch-worker')).toHaveCount(1);
  await expect(page.getByTestId('queue-depth')).toHaveText('0');
  const log = page.getByTestId('arch-log');
  const before = await log.locator('li[data-kind]').count();
  await page.getByTestId('play').click();
  await expect(log.locator('li[data-kind="queue_task"]').first()).toBeVisible({ timeout: 10_000 });
  await expect(log.locator('li[data-kind="run_task"]').first()).toContainText('extract (try 1)');
  expect(await log.locator('li[data-kind]').count()).toBeGreaterThan(before);
  await expect(diagram.locator('[data-comp="metastore"]')).toContainText('task_instance');
  await page.getByTestId('play').click();
  expect(await seriousViolations(page, '#view')).toEqual([]);
  await shoot(page, 'architecture');
  expect(errors).toEqual([]);
});

test('the data-interval timeline draws runs, zero-length intervals and the clock', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await unpauseEtl(page);
  await page.getByTestId('next-run').click();
  await openView(page, /data intervals/i);
  const chart = page.getByTestId('timeline-chart');
  await expect(chart.locator('.clock-label')).toHaveText('now');
  expect(await chart.locator('svg line.clock').count()).toBeGreaterThan(1);
  // Airflow 3's default (CronTriggerTimetable): the interval is one instant, drawn as a tick
  await expect(chart.locator('button[data-zero="true"]').first()).toBeVisible();
  await expect(chart.getByTestId('zero-interval').first()).toBeVisible();
  await page.getByTestId('play').click();
  await expect(page.getByTestId('timeline-caption')).toContainText('started on', { timeout: 10_000 });
  await page.getByTestId('play').click();
  await page.getByTestId('span-month').click();
  await expect(page.getByTestId('span-month')).toHaveAttribute('aria-pressed', 'true');
  expect(await seriousViolations(page, '#view')).toEqual([]);
  await shoot(page, 'timeline-af3');

  // the caption in Korean, written from the same dates
  await page.getByTestId('language').selectOption('ko');
  await expect(page.getByTestId('timeline-caption')).toContainText('시작했습니다');
  await shoot(page, 'timeline-ko');
  await openView(page, /아키텍처|architecture|구성/i);
  await shoot(page, 'architecture-ko');
  expect(errors).toEqual([]);
});
