// Retention: a tablet lets go of the contacts the sync server keeps once
// they are older than the months the coordinator chose, and keeps whatever
// the server does not have yet. Against the CouchDB test server that
// scripts/test starts.
import { test, expect } from './fixtures.mjs';
import { chooseLocation } from './helpers.mjs';
import { couchAvailable, resetDatabases, docs, passAll, clearFaultLog } from './couch.mjs';
import { enterServer, deviceRevisions, syncNow } from './sync-steps.mjs';

test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');

test.beforeEach(async () => {
  await passAll();
  await resetDatabases();
  await clearFaultLog();
});

/** `months` months ago at 10:00, as a datetime-local field takes it. */
function monthsAgo(months) {
  const when = new Date();
  when.setDate(1);
  when.setMonth(when.getMonth() - months);
  const two = (n) => String(n).padStart(2, '0');
  return `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}T10:00`;
}

/** Registers a contact about `domain` at `when` (or now), afterwards as a volunteer does. */
async function registerAt(page, domain, when) {
  if (when) {
    const field = page.getByLabel('Datum en tijd van het contact');
    // The details stay open after a save.
    if (!(await field.isVisible())) await page.getByText('Meer details (niet verplicht)').click();
    await field.fill(when);
  }
  await page.getByRole('checkbox', { name: domain }).check();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Opgeslagen om');
}

const contacts = (revisions) => Object.keys(revisions).filter((id) => id.startsWith('contact:'));
const serverContacts = async () => (await docs()).filter((d) => d.id.startsWith('contact:'));

test('retention takes exactly the synced old contacts off the tablet; the server keeps them', async ({ page }) => {
  await chooseLocation(page);
  await registerAt(page, 'Financiën', monthsAgo(9));
  await registerAt(page, 'Huisvesting', monthsAgo(8));
  await registerAt(page, 'Tijdsbesteding');
  await enterServer(page);
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd');
  await expect.poll(async () => (await serverContacts()).length).toBe(3);
  const synced = contacts(await deviceRevisions(page));

  // One more old contact, registered after the sync: not on the server.
  await page.goto('/');
  await registerAt(page, 'Financiën', monthsAgo(7));
  const unsynced = contacts(await deviceRevisions(page)).filter((id) => !synced.includes(id));
  expect(unsynced).toHaveLength(1);

  await page.goto('/beheer/#/instellingen');
  await page.getByLabel('Bewaren op dit apparaat').selectOption({ label: '6 maanden' });
  await expect(page.getByText('Bewaard. Wat op de server staat en ouder is, gaat na de synchronisatie van dit apparaat af.')).toBeVisible();
  // The choice starts a sync: it sends the new contact, then every old
  // contact the server keeps leaves the device; the recent one stays.
  const recent = (await serverContacts()).filter((d) => Date.now() - Date.parse(d.doc.occurred_at) < 30 * 24 * 3600 * 1000);
  expect(recent).toHaveLength(1);
  await expect.poll(async () => contacts(await deviceRevisions(page)), { timeout: 20_000 }).toEqual([recent[0].id]);
  const onServer = await serverContacts();
  expect(onServer.map((d) => d.id).sort()).toEqual([...synced, ...unsynced].sort());
  expect(onServer.filter((d) => d.deleted)).toEqual([]);
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server');

  // What left the device does not come back with the next sync.
  await syncNow(page);
  expect(contacts(await deviceRevisions(page))).toEqual([recent[0].id]);
  expect(await serverContacts()).toHaveLength(4);
});
