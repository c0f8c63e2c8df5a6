// Scenario 13 of the sync: a new version of the app is deployed while a
// tablet is offline with records that have not reached the server. After
// the update every record is still on the tablet, and they sync. Ends by
// comparing the ids and revisions on the tablet with the server's.
//
// The spec serves its own copy of dist/ on E2E_SYNC_UPDATE_PORT (default
// 4175), which the CouchDB test server must admit as an origin (scripts/test
// does); the second version is the same build with a new service-worker
// version, as tools/precache.mjs stamps a new build.
import { test, expect } from './fixtures.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerCommonContact, waitForServiceWorker, serveCopy } from './helpers.mjs';
import { couchAvailable, resetDatabases, docs, fault, passAll, clearFaultLog } from './couch.mjs';
import { enterServer, deviceRevisions, serverRevisions } from './sync-steps.mjs';

const PORT = Number(process.env.E2E_SYNC_UPDATE_PORT || 4175);
const base = `http://127.0.0.1:${PORT}`;
let dir;
let copy;

test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');

test.beforeAll(async () => {
  if (!couchAvailable()) return;
  copy = await serveCopy('sync-update', PORT);
  dir = copy.dir;
});

test.afterAll(() => copy?.stop());

test.beforeEach(async () => {
  await passAll();
  await resetDatabases();
  await clearFaultLog();
});

test('a new version deployed while a tablet is offline: its records stay and sync after the update', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Wijkplein Noord' }).click();
  await waitForServiceWorker(page);
  await enterServer(page);
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd', { timeout: 20_000 });
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  const oldCaches = await page.evaluate(() => caches.keys());
  expect(oldCaches).toHaveLength(1);

  // Offline: two contacts saved, nothing sent.
  await context.setOffline(true);
  await registerCommonContact(page, 'Financiën');
  await registerCommonContact(page, 'Huisvesting');
  await expect(page.getByTestId('pending')).toContainText('2 wijzigingen nog niet op de server');
  const saved = await deviceRevisions(page);
  expect(Object.keys(saved)).toHaveLength(2);

  // Meanwhile a new version is deployed (a new build stamps a new
  // service-worker version). The network comes back, but the sync server
  // stays out of reach until the update is done.
  const swPath = join(dir, 'sw.js');
  const sw = readFileSync(swPath, 'utf8');
  const version = sw.match(/const VERSION = "([0-9a-f]+)"/)[1];
  writeFileSync(swPath, sw.replace(version, `${version}-next`));
  await fault({ mode: 'down', count: 0 });
  await context.setOffline(false);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const banner = page.getByRole('status').filter({ hasText: 'Er is een nieuwe versie van Wijkpeil.' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Nu vernieuwen' }).click()]);
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`wijkpeil-shell-${version}-next`]);

  // Under the new version: every record is still here, still waiting.
  expect(await deviceRevisions(page)).toEqual(saved);
  await expect(page.getByTestId('pending')).toContainText('2 wijzigingen nog niet op de server');
  expect(await docs()).toEqual([]);

  // The server is back: the records sync, once, with the stored login.
  await passAll();
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 40_000 });
  expect(await serverRevisions()).toEqual(saved);
});
