// Scenario 12 of the sync: the app is open in two tabs of one tablet, both
// saving and syncing. Each tab has its own data worker, but one device
// syncs one run at a time (a Web Lock, `wijkpeil-sync`): the other tab's
// run waits. Every save of both tabs reaches the server once, and an edit
// made in one tab on a record the other tab changed in the meantime is
// refused (nothing is written over) until it is made on the latest version.
// Each scenario ends by comparing the ids and revisions on the tablet with
// the server's.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, registerCommonContact } from './helpers.mjs';
import { couchAvailable, resetDatabases, docs, fault, passAll, clearFaultLog, faultLog, USERS } from './couch.mjs';
import { enterServer, deviceRevisions, deviceRecord, serverRevisions, enterTrajectory, openTrajectory, logMoment, syncNow } from './sync-steps.mjs';

test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');

test.beforeEach(async () => {
  await passAll();
  await resetDatabases();
  await clearFaultLog();
});

/** The Web Locks of this origin, by name: {held, pending}. */
function locks(page) {
  return page.evaluate(async () => {
    const state = await navigator.locks.query();
    const names = (list) => list.map((l) => l.name).filter((n) => n === 'wijkpeil-sync').length;
    return { held: names(state.held), pending: names(state.pending) };
  });
}

test('two tabs save and sync: one sync at a time, every record on the server once', async ({ page, context }) => {
  test.setTimeout(120_000);
  const one = page;
  await chooseLocation(one);
  await enterServer(one);
  await expect(one.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd', { timeout: 20_000 });
  await one.goto('/');
  const two = await context.newPage();
  await two.goto('/');
  for (const tab of [one, two]) await expect(tab.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();

  // Tab one's sync hangs on the server for a while; tab two's waits for it.
  await fault({ mode: 'timeout', match: '_bulk_docs', count: 1, ms: 6_000 });
  await registerCommonContact(one, 'Financiën');
  await expect.poll(async () => (await faultLog()).filter((e) => e.fault === 'timeout').length, { timeout: 20_000 }).toBe(1);
  await registerCommonContact(two, 'Huisvesting');
  await expect.poll(() => locks(one), { timeout: 20_000 }).toEqual({ held: 1, pending: 1 });
  expect(
    (await faultLog()).filter((e) => e.method === 'POST' && e.path.includes('_bulk_docs')).map((e) => e.fault),
    'nothing sent beside the held sync',
  ).toEqual(['timeout']);

  // Both tabs go on saving; everything arrives, once.
  for (const [tab, domain] of [[two, 'Tijdsbesteding'], [one, 'Huisvesting'], [two, 'Financiën']]) {
    await registerCommonContact(tab, domain);
  }
  await expect.poll(async () => (await docs()).length, { timeout: 60_000 }).toBe(5);
  for (const tab of [one, two]) {
    await expect(tab.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 30_000 });
  }
  const here = await deviceRevisions(one);
  expect(Object.keys(here)).toHaveLength(5);
  expect(await deviceRevisions(two)).toEqual(here);
  expect(await serverRevisions()).toEqual(here);
});

test('an edit on a version another tab changed is refused, and both edits reach the server', async ({ page, context }) => {
  const one = page;
  await one.goto('/beheer/');
  await enterServer(one, { user: USERS.coord });
  await expect(one.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd', { timeout: 20_000 });
  const code = await enterTrajectory(one);
  const two = await context.newPage();
  await two.goto('/beheer/');
  await openTrajectory(two, code);

  // Tab one logs a moment; tab two still shows the version before it. The
  // server fails meanwhile, so no sync of tab one's save can tell tab two
  // to read the new version first (which it would: its save would then be
  // a normal one on the latest version).
  await fault({ mode: 'error', status: 503, count: 0 });
  await logMoment(one, 'Gesprek in tab een', 'huisbezoek');
  await logMoment(two, 'Gesprek in tab twee', 'telefoon', { saved: false });
  await expect(two.getByText('ergens anders gewijzigd')).toBeVisible();
  await passAll();
  const [docId] = Object.keys(await deviceRevisions(one));
  let stored = await deviceRecord(two, docId);
  expect(stored.revision).toBe(2);
  expect(stored.contact_moments.map((m) => m.note), 'tab one\'s moment is not written over').toEqual(['Gesprek in tab een']);

  // Opened again, tab two adds its moment to the latest version.
  await two.reload();
  await expect(two.getByText('Gesprek in tab een')).toBeVisible();
  await logMoment(two, 'Gesprek in tab twee', 'telefoon');
  await syncNow(two);
  stored = await deviceRecord(one, docId);
  expect(stored.revision).toBe(3);
  expect(stored.contact_moments.map((m) => m.note).sort()).toEqual(['Gesprek in tab een', 'Gesprek in tab twee']);
  // Both tabs share this device's sync state: the "last sync" that syncNow
  // waits for may be tab one's retry, so wait for tab two's revision itself.
  await expect.poll(async () => (await docs())[0]?.rev.split('-')[0], { timeout: 30_000 }).toBe('3');
  const [onServer] = await docs();
  expect(onServer.doc.contact_moments.map((m) => m.note).sort()).toEqual(['Gesprek in tab een', 'Gesprek in tab twee']);
  expect(await serverRevisions()).toEqual(await deviceRevisions(one));
});
