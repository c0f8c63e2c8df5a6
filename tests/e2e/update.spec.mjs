// A new deployment is offered as an update; accepting it reloads the app
// under the new service worker, and the old shell cache is gone.
import { test, expect } from './fixtures.mjs';
import { serveCopy } from './helpers.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PORT = Number(process.env.E2E_UPDATE_PORT || 4174);
let dir;
let copy;

test.beforeAll(async () => {
  copy = await serveCopy('update', PORT);
  dir = copy.dir;
});

test.afterAll(() => copy?.stop());

test('a new version is offered and applied on request', async ({ page }) => {
  const base = `http://127.0.0.1:${PORT}`;
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Wijkplein Centrum' }).click();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const oldCaches = await page.evaluate(() => caches.keys());
  expect(oldCaches).toHaveLength(1);
  await expect(page.getByText('Er is een nieuwe versie van Wijkpeil.')).toBeHidden();

  // "Deploy" a new version: a new build stamps a new version into sw.js.
  const swPath = join(dir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const version = sw.match(/const VERSION = "([0-9a-f]+)"/)[1];
  writeFileSync(swPath, sw.replace(version, `${version}-next`));

  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.getByRole('status').filter({ hasText: 'Er is een nieuwe versie van Wijkpeil.' });
  await expect(banner).toBeVisible({ timeout: 20_000 });

  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Nu vernieuwen' }).click()]);
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`wijkpeil-shell-${version}-next`]);
  await expect(banner).toBeHidden();
});
