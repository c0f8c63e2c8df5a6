// Scenario 5 of the sync: the page is reloaded in the middle of a long pull.
// The pull's position is saved after each page, on the device and in the
// server's checkpoint `_local/wijkpeil-pull-<device>`; after the reload the
// sync goes on from there, not from the start, and ends with every record
// once. Ends by comparing the ids and revisions on the device with the
// server's.
import { test, expect } from './fixtures.mjs';
import { randomUUID } from 'node:crypto';
import { chooseLocation, registerCommonContact } from './helpers.mjs';
import { couchAvailable, resetDatabases, docs, couch, fault, passAll, clearFaultLog, faultLog, DB, USERS } from './couch.mjs';
import { enterServer, deviceRevisions, serverRevisions, syncState } from './sync-steps.mjs';

test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');

test.beforeEach(async () => {
  await passAll();
  await resetDatabases();
  await clearFaultLog();
});

/** Records on the server: more than two pages of a pull (500 a page). */
const RECORDS = 1200;

/** `since` of a `_changes` request in the proxy's log. */
function sinceOf(entry) {
  return new URL(entry.path, 'http://x').searchParams.get('since');
}

const mainChanges = (entry) => entry.path.startsWith(`/${DB}/_changes`);

test('a reload in the middle of a pull goes on from the checkpoint and takes every record once', async ({ page, browser }) => {
  test.setTimeout(180_000);
  // A tablet sends one contact; copies of it under new ids fill the server.
  await chooseLocation(page);
  await registerCommonContact(page);
  await enterServer(page);
  await expect.poll(async () => (await docs()).length, { timeout: 20_000 }).toBe(1);
  const [template] = await docs();
  // That tablet is done (it stood on the coordinator's settings, so its
  // worker would pull everything too).
  await page.close();
  const copies = [];
  for (let i = 1; i < RECORDS; i++) {
    const id = randomUUID();
    const { _id, _rev, ...body } = template.doc;
    copies.push({ ...body, _id: `contact:${id}`, id });
  }
  const stored = await couch('POST', `${DB}/_bulk_docs`, { body: { docs: copies } });
  expect(stored.status).toBe(201);
  expect((await docs()).length).toBe(RECORDS);

  // A coordinator's laptop pulls everything; its second page is held.
  await clearFaultLog();
  await fault({ mode: 'timeout', match: `/${DB}/_changes`, skip: 1, count: 1, ms: 120_000 });
  const context = await browser.newContext();
  const laptop = await context.newPage();
  await laptop.goto('/beheer/');
  await enterServer(laptop, { user: USERS.coord });
  await expect
    .poll(async () => (await faultLog()).filter((e) => mainChanges(e) && e.fault === 'timeout').length, { timeout: 30_000 })
    .toBe(1);
  const device = await syncState(laptop, 'device');
  expect(device).toMatch(/^[0-9a-f]{16}$/);
  const checkpoint = await couch('GET', `${DB}/_local/wijkpeil-pull-${device}`);
  expect(checkpoint.status, 'the first page left a checkpoint on the server').toBe(200);
  const since = String(checkpoint.json.since);
  expect(since).not.toBe('0');
  const before = Object.keys(await deviceRevisions(laptop)).length;
  expect(before, 'half-way: the first page is here, the rest is not').toBeGreaterThan(0);
  expect(before).toBeLessThan(RECORDS);

  // The page is reloaded while the second page hangs.
  await clearFaultLog();
  await passAll();
  await laptop.reload();
  await expect(laptop.getByTestId('pending')).toBeVisible();
  await expect.poll(async () => Object.keys(await deviceRevisions(laptop)).length, { timeout: 60_000 }).toBe(RECORDS);
  await expect(laptop.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 20_000 });

  const pulls = (await faultLog()).filter(mainChanges);
  expect(pulls.length).toBeGreaterThan(0);
  expect(sinceOf(pulls[0]), 'the pull after the reload starts at the checkpoint').toBe(since);
  expect(pulls.map(sinceOf)).not.toContain('0');
  expect(await serverRevisions()).toEqual(await deviceRevisions(laptop));
  await context.close();
});
