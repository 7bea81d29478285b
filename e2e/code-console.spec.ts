import { expect, test, type Page } from '@playwright/test';
import { openView, seriousViolations, shoot } from './helpers.ts';

// The console (Airflow's CLI), the Code view (DAG files in CodeMirror) and the metastore view,
// driven through the UI as a learner would. The app starts with the sample DAG `etl`, paused,
// at 2024-06-01 00:00 UTC under Airflow 3.

async function run(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
}




test.use({ screenshot: 'only-on-failure' });

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
});

test('the console runs Airflow commands and prints their tables; usage errors show argparse', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await run(page, 'airflow dags unpause etl');
  const first = page.getByTestId('console-entry').last();
  await expect(first).toContainText(/\$\s*airflow dags unpause etl/);
  const table = first.getByTestId('console-output');
  await expect(table).toContainText('dag_id | is_paused');
  await expect(table).toContainText('etl    | True');
  // the table keeps its columns: no wrapping, it scrolls sideways
  expect(await table.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre');

  // an unknown command: argparse's usage and error, exit code 2
  await run(page, 'airflow dagz list');
  const bad = page.getByTestId('console-entry').last();
  await expect(bad.getByTestId('console-output')).toContainText('usage: airflow');
  await expect(bad.getByTestId('console-output')).toContainText("airflow command error: argument GROUP_OR_COMMAND: invalid choice: 'dagz'");
  await expect(bad.getByTestId('console-exit')).toContainText('2');

  // help, or an empty Enter, lists useful commands; a click puts one on the command line
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-help').last()).toContainText('airflow dags list-runs etl');
  await page.getByTestId('console-help').last().getByRole('button', { name: 'airflow dags list', exact: true }).click();
  await expect(page.getByTestId('console-input')).toHaveValue('airflow dags list');
  await expect(page.getByTestId('console-input')).toBeFocused();

  // history: ↑ brings back the earlier commands
  await page.getByTestId('console-input').fill('');
  await page.getByTestId('console-input').press('ArrowUp');
  await expect(page.getByTestId('console-input')).toHaveValue('airflow dagz list');
  await page.getByTestId('console-input').press('ArrowUp');
  await expect(page.getByTestId('console-input')).toHaveValue('airflow dags unpause etl');
  await page.getByTestId('console-input').press('ArrowDown');
  await page.getByTestId('console-input').press('ArrowDown');
  await expect(page.getByTestId('console-input')).toHaveValue('');

  await shoot(page, 'console');

  // Ctrl+L clears the screen
  await page.getByTestId('console-input').press('Control+l');
  await expect(page.getByTestId('console-entry')).toHaveCount(0);

  // collapsible to one line
  await page.getByTestId('console-toggle').click();
  await expect(page.getByTestId('console-log')).toHaveCount(0);
  await expect(page.getByTestId('console-input')).toBeVisible();
  await page.getByTestId('console-toggle').click();
  await expect(page.getByTestId('console-log')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Tab completes commands, flags and DAG ids from the CLI spec', async ({ page }) => {
  const input = page.getByTestId('console-input');
  await input.fill('airflow da');
  await input.press('Tab');
  await expect(input).toHaveValue('airflow dags ');
  await input.press('u');
  await input.press('n');
  await input.press('Tab');
  await expect(input).toHaveValue('airflow dags unpause ');
  await input.press('Tab');
  await expect(input).toHaveValue('airflow dags unpause etl ');
  await input.press('Enter');
  await expect(page.getByTestId('console-entry').last()).toContainText('etl    | True');

  // ambiguous: the choices are listed
  await input.fill('airflow dags l');
  await input.press('Tab');
  await expect(input).toHaveValue('airflow dags list');
  await expect(page.getByRole('button', { name: 'list-runs' })).toBeVisible();
  await input.fill('airflow dags list --out');
  await input.press('Tab');
  await expect(input).toHaveValue('airflow dags list --output ');
  // an empty line: Tab moves the focus on (no keyboard trap)
  await input.fill('');
  await input.press('Tab');
  await expect(input).not.toBeFocused();
});

test('a cycle saved in the Code view shows at its line, inline and in the list; the work survives a reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await run(page, 'airflow dags unpause etl');
  await expect(page.getByTestId('console-entry').last()).toContainText('etl    | True');

  await openView(page, /code/i);
  await expect(page.getByTestId('code-current')).toHaveText('etl.py');
  const content = page.locator('.cm-content');
  await expect(content).toContainText('extract >> transform >> load');
  // Python highlighting and line numbers come with the lazily loaded editor
  await expect(page.locator('.cm-lineNumbers')).toBeVisible();

  // add a cycle at the end of the file
  await content.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('    load >> extract\n');
  await expect(page.getByTestId('code-state')).toContainText('Unsaved changes');
  await expect(page.getByTestId('code-file').first()).toContainText('unsaved');

  // switching views keeps the unsaved text
  await openView(page, /metastore/i);
  await openView(page, /code/i);
  await expect(page.locator('.cm-content')).toContainText('load >> extract');
  await expect(page.getByTestId('code-state')).toContainText('Unsaved changes');

  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('code-state')).toContainText('Saved');
  const list = page.getByTestId('code-errors');
  await expect(list).toContainText('Line 17, column 10');
  await expect(list).toContainText('AirflowDagCycleException: Cycle detected in Dag: etl');
  // inline: a lint marker in the gutter and an underlined range on line 17
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
  const underlined = page.locator('.cm-lintRange-error');
  await expect(underlined).toHaveText('>> extract'); // from Airflow's column (the >>) to the end of the line
  await underlined.hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('Cycle detected');
  await expect(page.getByTestId('code-file').first()).toContainText('1');
  await shoot(page, 'code-error');

  // the directives reminder opens its examples
  await page.getByRole('button', { name: /# sim: examples/ }).click();
  await expect(page.locator('#sim-examples')).toContainText('ready_after=45m');
  await shoot(page, 'code-sim-help');

  // the error's line button moves the cursor there
  await list.getByRole('button', { name: /Line 17/ }).click();
  await expect(page.locator('.cm-activeLine')).toHaveText('    load >> extract');

  // the workspace is saved in IndexedDB: after a reload the file, its error and the unpause are back
  await page.waitForTimeout(1200);
  await page.reload();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  await expect(page.getByTestId('code-current')).toHaveText('etl.py');
  await expect(page.locator('.cm-content')).toContainText('load >> extract');
  await expect(page.getByTestId('code-errors')).toContainText('Line 17, column 10');
  await expect(page.getByTestId('code-state')).toContainText('Saved');
  // the console shows the commands this workspace ran before
  await expect(page.getByTestId('console-log')).toContainText('airflow dags unpause etl');

  // Reset to sample brings the original back (unsaved until saved)
  await page.getByRole('button', { name: 'Reset to sample' }).click();
  await expect(page.locator('.cm-content')).not.toContainText('load >> extract');
  await expect(page.getByTestId('code-state')).toContainText('Unsaved changes');
  await page.getByTestId('code-save').click();
  await expect(page.getByTestId('code-errors')).toHaveCount(0);
  await expect(page.getByTestId('code-status')).toContainText('imports without errors');
  // the DAG is back, and still unpaused as it was before the reload
  await run(page, 'airflow dags list -o plain');
  await expect(page.getByTestId('console-entry').last().getByTestId('console-output')).toContainText(/etl\s+\S+etl.py\s+\['airflow'\]\s+False/);
  expect(errors).toEqual([]);
});

test('new and deleted files; the Code view has no serious accessibility violations', async ({ page }) => {
  await openView(page, /code/i);
  await expect(page.locator('.cm-content')).toContainText('extract');
  expect(await seriousViolations(page, '#view')).toEqual([]);

  await page.getByTestId('code-new').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('File name').fill('hello.py');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('code-current')).toHaveText('hello.py');
  await expect(page.locator('.cm-content')).toContainText('dag_id="hello"');
  await expect(page.getByTestId('code-errors')).toHaveCount(0);
  await run(page, 'airflow dags list -o plain');
  await expect(page.getByTestId('console-entry').last()).toContainText('hello');

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('Delete hello.py?');
  await page.getByTestId('code-delete-confirm').click();
  await expect(page.getByTestId('code-current')).toHaveText('etl.py');
  await expect(page.getByTestId('code-file')).toHaveCount(1);

  // the other samples come in through New file
  await page.getByTestId('code-new').click();
  await page.getByRole('dialog').getByLabel('Start from').selectOption('flaky.py');
  await expect(page.getByRole('dialog').getByLabel('File name')).toHaveValue('flaky.py');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('code-current')).toHaveText('flaky.py');
  await expect(page.locator('.cm-content')).toContainText('retry_exponential_backoff');
  await expect(page.getByTestId('code-status')).toContainText('Created flaky.py');
  await run(page, 'airflow dags list -o plain');
  await expect(page.getByTestId('console-entry').last()).toContainText('flaky_api');
});

test('the metastore view lists dag_run rows as runs happen, with filter and paging', async ({ page }) => {
  await openView(page, /metastore/i);
  await expect(page.getByTestId('meta-table-dag_run')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('meta-count')).toContainText('of 0');
  await run(page, 'airflow dags unpause etl');
  await page.getByPlaceholder('2024-06-05 12:00').fill('2024-06-04');
  await page.getByRole('button', { name: /^go$/i }).click();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-04 00:00:00 UTC');
  const grid = page.getByTestId('meta-grid');
  await expect(grid.locator('tbody tr')).toHaveCount(4); // 06-01 .. 06-04 (the 06-04 run is running)
  await expect(grid).toContainText('scheduled__2024-06-01T00:00:00+00:00');
  await expect(grid.locator('th').first()).toHaveCSS('position', 'sticky');

  await page.getByTestId('meta-filter').fill('state:success');
  await expect(grid.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('meta-count')).toContainText('of 3 matching (4 in the table)');

  await page.getByTestId('meta-table-task_instance').click();
  await page.getByTestId('meta-filter').fill('');
  await expect(grid.locator('tbody tr')).toHaveCount(12);
  await page.getByLabel('Rows per page').selectOption('50');
  await page.getByTestId('meta-table-log').click();
  await expect(grid).toContainText('cli_dag_unpause');
  await page.getByTestId('meta-table-dag_run').click();
  await shoot(page, 'metastore');
  expect(await seriousViolations(page, '#view')).toEqual([]);
});

test('Korean: the console, code and metastore speak Korean', async ({ page }) => {
  await page.getByTestId('language').selectOption('ko');
  await openView(page, /코드/);
  await expect(page.getByTestId('code-state')).toContainText('저장됨');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-help')).toContainText('자주 쓰는 명령');
  await shoot(page, 'code-ko');
  await openView(page, /메타스토어/);
  await expect(page.getByText('페이지당 행 수')).toBeVisible();
});
