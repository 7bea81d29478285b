import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// What the learner's work survives: a reload, a second tab, a browser without IndexedDB,
// and being served from a sub-path by a plain static server.

const START = '2024-06-01 00:00:00 UTC';

async function opened(page: Page): Promise<void> {
  await expect(page.getByTestId('clock')).toHaveText(START); // the workspace is open
}

async function run(page: Page, line: string): Promise<void> {
  const entries = page.getByTestId('console-entry');
  const before = await entries.count();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(entries).toHaveCount(before + 1);
  await expect(entries.last()).toContainText(line);
}

async function openEtlGrid(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /DAGs/ }).click();
  await page.getByTestId('dag-row-etl').getByRole('button', { name: 'etl', exact: true }).click();
  await expect(page.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-ti]').first()).toBeVisible();
}

/** Every task instance in the open Grid: "task, run_id, state, try n". */
function gridCells(page: Page): Promise<string[]> {
  return page.locator('[data-ti]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** The saved workspaces, read straight from IndexedDB (what a reload would replay). */
function savedWorkspaces(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ id: string; profile: string; revision: number; clock: string; commands: { run: string }[] }[]>((ok, fail) => {
        const req = indexedDB.open('airflow-sim');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('workspaces').objectStore('workspaces').getAll();
          all.onsuccess = () => {
            ok(all.result);
            req.result.close();
          };
          all.onerror = () => fail(all.error);
        };
      }),
  );
}

test('a reload finds the same clock, runs and task states', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await opened(page);
  await run(page, 'airflow dags unpause etl');
  for (const clock of ['2024-06-01 00:00:00 UTC', '2024-06-02 00:00:00 UTC']) {
    await page.getByTestId('next-run').click();
    await expect(page.getByTestId('clock')).toHaveText(clock);
  }
  // the last action is a clock step with the Grid open: a run part-way through
  await openEtlGrid(page);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('clock')).not.toHaveText('2024-06-02 00:00:00 UTC');
  const clock = await page.getByTestId('clock').textContent();
  const grid = await gridCells(page);
  expect(grid.some((s) => s.includes('scheduled__2024-06-01T00:00:00+00:00, success'))).toBe(true);

  // reload at once, as a learner would: the last action must not be lost to the save delay
  await page.reload();
  await expect(page.getByTestId('clock')).toHaveText(clock!);
  await expect(page.getByRole('tab', { name: /Grid/ })).toHaveAttribute('aria-selected', 'true'); // the view too
  await openEtlGrid(page);
  expect(await gridCells(page)).toEqual(grid);
  expect(errors).toEqual([]);
});
