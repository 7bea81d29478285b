import { expect, test, type Page } from '@playwright/test';
import { openView, seriousViolations, shoot } from './helpers.ts';

// Time travel from the UI: the scrub bar under the clock (markers, a slider operated with the
// keyboard), an action while rewound starting a new future, and the Faults menu running its
// commands in the Console. The app starts with the sample DAG `etl`, paused, at 2024-06-01 00:00 UTC.

async function run(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
}

async function jump(page: Page, when: string): Promise<void> {
  await page.getByPlaceholder('2024-06-05 12:00').fill(when);
  await page.getByRole('button', { name: 'Go', exact: true }).click();
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
});

test('the scrub bar shows markers and moves the clock with the keyboard; acting while rewound forks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await run(page, 'airflow dags unpause etl');
  await jump(page, '2024-06-04');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-04 00:00:00 UTC');

  const slider = page.getByRole('slider', { name: 'Position on the timeline' });
  await expect(slider).toHaveAttribute('aria-valuetext', '2024-06-04 00:00:00 UTC');
  // runs were created: their markers carry a glyph and a tooltip, not colour alone
  const marks = page.locator('[data-testid=scrubber] .mark.run_created');
  expect(await marks.count()).toBeGreaterThan(0);
  await expect(marks.first()).toHaveAttribute('title', /^Run created: 2024-06-0/);
  await expect(page.locator('[data-testid=scrubber] .legend')).toContainText('Task try failed');

  // Home: back to the start (replayed from a checkpoint or the start), the far end stays
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await expect(page.getByTestId('rewound')).toContainText('2024-06-04 00:00:00 UTC');
  // PageUp: 10% of three days forward = 7h12m
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 07:12:00 UTC');
  expect(await seriousViolations(page, '[data-testid=scrubber]')).toEqual([]);
  await shoot(page, 'timetravel-rewound');
  await page.keyboard.press('End');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-04 00:00:00 UTC');
  await expect(page.getByTestId('rewound')).toHaveCount(0);
  // an arrow moves 1% of the span (43 min 12 s), not the app's own "→ step" shortcut
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-03 23:16:48 UTC');

  // rewound, then a command: a new future starts here
  await page.keyboard.press('Home');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await run(page, 'airflow dags list');
  await expect(page.locator('.clock p.notice')).toContainText('You acted in the past');
  // the played future is gone: the bar ends at the clock
  await expect(page.getByTestId('scrub-end')).toHaveText('2024-06-01 00:00:00 UTC');
  await expect(page.getByTestId('rewound')).toHaveCount(0);

  expect(errors).toEqual([]);
});

test('the Faults menu runs its commands, shown in the Console as from the UI', async ({ page }) => {
  await page.getByText('Faults').click();
  await expect(page.getByTestId('faults')).toContainText('Killing a worker needs the CeleryExecutor');
  expect(await seriousViolations(page, '[data-testid=faults]')).toEqual([]);
  await page.getByRole('button', { name: 'Stop the scheduler for 1 hour' }).click();
  const entry = page.getByTestId('console-entry').last();
  await expect(entry).toContainText('sim stop-scheduler --for 1h');
  await expect(entry).toContainText('Scheduler stopped until 2024-06-01T01:00:00Z');
  // the architecture view says so in words
  await openView(page, /architecture/i);
  await expect(page.getByTestId('arch-fault')).toContainText('Stopped until');
});
