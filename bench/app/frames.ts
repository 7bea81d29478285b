// Frame times while a 10-year catchup plays: a daily DAG starting 10 years before the clock,
// added through the Code view as a learner would, played at the top speed (a year a second).
import type { Browser, Page } from '@playwright/test';
import { freshPage } from './load.ts';
import { quantile } from './stats.ts';

export const CATCHUP_FILE = 'catchup10y.py';
// not the file's stem: the Code view's new-file template already created (paused) a DAG by that
// id, and is_paused_upon_creation applies to a new DAG only, as in Airflow
const DAG_ID = 'catchup_10y';

/** Airflow 3 (the app's default profile): five Bash tasks in a chain, @daily from 2014-06-01. */
export const CATCHUP_DAG = `import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.bash import BashOperator

with DAG(
    dag_id="${DAG_ID}",
    schedule="@daily",
    start_date=pendulum.datetime(2014, 6, 1, tz="UTC"),
    catchup=True,
    is_paused_upon_creation=False,
):
    t0 = BashOperator(task_id="t0", bash_command="echo {{ ds }} 0")
    t1 = BashOperator(task_id="t1", bash_command="echo {{ ds }} 1")
    t2 = BashOperator(task_id="t2", bash_command="echo {{ ds }} 2")
    t3 = BashOperator(task_id="t3", bash_command="echo {{ ds }} 3")
    t4 = BashOperator(task_id="t4", bash_command="echo {{ ds }} 4")
    t0 >> t1 >> t2 >> t3 >> t4
`;

export interface FrameStats {
  view: string;
  seconds: number;
  frames: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  over16: number;
  over50: number;
  /** main-thread long tasks (> 50 ms) seen by the page during the window */
  longTasks: number;
  longTaskMs: number;
  clockFrom: string;
  clockTo: string;
  clockEachSecond: string[];
}

async function addCatchupDag(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /Code/ }).click();
  await page.locator('.cm-editor').waitFor();
  await page.getByTestId('code-new').click();
  await page.locator('#new-name').fill(CATCHUP_FILE);
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('code-current').filter({ hasText: CATCHUP_FILE }).waitFor();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(CATCHUP_DAG);
  await page.getByTestId('code-save').click();
  await page.getByTestId('code-state').filter({ hasText: 'Saved' }).waitFor();
}

/**
 * In the page: requestAnimationFrame deltas and long tasks for `ms` ms, and the clock before and
 * after. A string, not a function: tsx would add helper calls the page does not have.
 */
const SAMPLE_IN_PAGE = `async (ms) => {
  const clock = () => document.querySelector('[data-testid=clock]')?.textContent ?? '';
  const long = [];
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
  obs.observe({ type: 'longtask' });
  const clockFrom = clock();
  const deltas = [];
  const clocks = [];
  await new Promise((done) => {
    let start = 0, prev = 0, nextClock = 0;
    const frame = (t) => {
      if (!start) start = t; else deltas.push(t - prev);
      prev = t;
      if (t - start >= nextClock) { clocks.push([Math.round(t - start), clock()]); nextClock += 1000; }
      if (t - start < ms) requestAnimationFrame(frame); else done();
    };
    requestAnimationFrame(frame);
  });
  obs.disconnect();
  return { deltas, long, clocks, clockFrom, clockTo: clock() };
}`;

/** Sample frames in the page: (see SAMPLE_IN_PAGE) and long tasks for `ms`, and the clock before and after. */
async function sample(page: Page, view: string, ms: number): Promise<FrameStats> {
  const r = (await page.evaluate(`(${SAMPLE_IN_PAGE})(${ms})`)) as { deltas: number[]; long: number[]; clocks: [number, string][]; clockFrom: string; clockTo: string };
  const d = r.deltas;
  return {
    view,
    seconds: d.reduce((a, b) => a + b, 0) / 1000,
    frames: d.length,
    medianMs: quantile(d, 0.5),
    p95Ms: quantile(d, 0.95),
    p99Ms: quantile(d, 0.99),
    maxMs: Math.max(...d),
    over16: d.filter((x) => x > 16.7 + 1).length / d.length,
    over50: d.filter((x) => x > 50).length / d.length,
    longTasks: r.long.length,
    longTaskMs: r.long.reduce((a, b) => a + b, 0),
    clockFrom: r.clockFrom,
    clockTo: r.clockTo,
    clockEachSecond: r.clocks.map(([, c]) => c),
  };
}

/**
 * Load the app, add the catchup DAG, set the top speed, open its Grid and press Play; sample
 * frames in the Grid, then in the DAG list, `ms` each. Idle frames (paused) first, as a baseline.
 */
export async function measureCatchupFrames(browser: Browser, url: string, ms = 5000): Promise<FrameStats[]> {
  const { context, page } = await freshPage(browser);
  try {
    await page.goto(url);
    await page.getByTestId('clock').filter({ hasText: '2024' }).waitFor({ timeout: 60_000 });
    await addCatchupDag(page);
    await page.getByRole('tab', { name: /DAGs/ }).click();
    await page.getByRole('button', { name: DAG_ID, exact: true }).click();
    await page.getByRole('tab', { name: /Grid/, selected: true }).waitFor();
    await page.locator('input[type=range]').fill('9');
    const idle = await sample(page, 'Grid, paused (baseline)', 2000);
    await page.getByTestId('play').click();
    const grid = await sample(page, 'Grid, playing', ms);
    await page.getByRole('tab', { name: /DAGs/ }).click();
    const dags = await sample(page, 'DAGs, playing', ms);
    await page.getByTestId('play').click();
    return [idle, grid, dags];
  } finally {
    await context.close();
  }
}
