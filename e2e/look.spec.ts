import { expect, test } from '@playwright/test';
import { openView, seriousViolations } from './helpers.ts';

// Issue 4: dark mode and tablets. Every view in the dark theme passes axe (contrast included),
// the theme choice is kept, and on a tablet (landscape and portrait, touch) the page never
// scrolls sideways and the clock can be stepped with a tap.

const VIEWS = [/dags/i, /grid/i, /graph/i, /gantt/i, /interval/i, /architecture/i, /metastore/i, /code/i];

test('the dark theme: chosen in the header, kept after a reload, and every view passes axe', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await page.getByTestId('theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(13, 17, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // something to look at: a run of etl
  const input = page.getByTestId('console-input');
  await input.fill('airflow dags trigger etl');
  await input.press('Enter');
  await page.getByTestId('clock').waitFor();
  for (const v of VIEWS) {
    await openView(page, v);
    await page.waitForTimeout(300);
    expect(await seriousViolations(page), String(v)).toEqual([]);
    await page.screenshot({ path: `test-results/dark-${String(v).replace(/[^a-z]/g, '')}.png` });
  }
  await page.getByTestId('theme').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
});

for (const [w, h] of [[1024, 768], [768, 1024]] as const) {
  test(`a ${w}x${h} tablet: no sideways scrolling, and a tap steps the clock`, async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: { width: w, height: h }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto('./');
    await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
    for (const v of [/dags/i, /grid/i, /graph/i, /architecture/i]) {
      await page.getByRole('tab', { name: v }).tap();
      await page.waitForTimeout(250);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(over, `${String(v)} overflows by ${over}px`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: `test-results/tablet-${w}x${h}.png` });
    // the example DAG is paused at creation: unpause it so there is something to step to
    await page.getByTestId('console-input').fill('airflow dags unpause etl');
    await page.getByTestId('console-input').press('Enter');
    await expect(page.getByTestId('console-output').last()).toContainText('etl');
    const before = await page.getByTestId('clock').textContent();
    // several events happen at the unpause instant (the run, its first task); tap until time moves
    const step = page.getByRole('button', { name: /^\W*step$/i });
    for (let i = 0; i < 12 && (await page.getByTestId('clock').textContent()) === before; i++) await step.tap();
    await expect(page.getByTestId('clock')).not.toHaveText(before!);
    await ctx.close();
  });
}
