import { expect, test } from '@playwright/test';
import { openView } from './helpers.ts';

test.use({ serviceWorkers: 'allow' });

// Issue 4: "offline once loaded (service worker). No request leaves the page at run time."
test('once loaded, the app works offline: reload, the engine worker, the editor and the graph layout', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  // the service worker has installed (precached every built file) and controls the page
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((r) => navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true }));
    }
  });

  const outside: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.host !== '127.0.0.1:4173' && u.protocol.startsWith('http')) outside.push(r.url());
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('clock')).toHaveText('2024-06-01 00:00:00 UTC');
  // the engine worker answers: unpause through the console and play to the first run
  const input = page.getByTestId('console-input');
  await input.fill('airflow dags unpause etl');
  await input.press('Enter');
  await expect(page.getByTestId('console-output').last()).toContainText('etl    | True');
  // lazily loaded chunks come from the cache: the editor and the graph layout worker
  await openView(page, /code/i);
  await expect(page.locator('.cm-editor')).toBeVisible();
  await openView(page, /graph/i);
  await page.getByTestId('graph-dag').selectOption('etl');
  await expect(page.getByTestId('graph-canvas').locator('.node[data-task="extract"]')).toBeVisible();
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
