// What several browser specs share: axe checks, screenshots at both review sizes, opening a view.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Serious and critical axe violations inside `include` (default: the open view). */
export async function seriousViolations(page: Page, include = '#view'): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include(include).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** Screenshots at 1280x800 and on a 1920x1080 projector, into test-results/. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(250);
    await page.screenshot({ path: `test-results/${name}-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Click a view's tab and wait until it is the selected one. */
export async function openView(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}
