// Sync with a real CouchDB-compatible server (tools/couch-test-server) behind
// a fault-injecting proxy (tools/fault-proxy), both started by scripts/test on
// 127.0.0.1. Each scenario ends by comparing the ids and revisions on the
// devices with the server's: every record once, nothing lost.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, registerCommonContact, expectNoAxeViolations } from './helpers.mjs';
import { couchAvailable, resetDatabases, docs, fault, passAll, clearFaultLog, faultLog, USERS } from './couch.mjs';
import { enterServer, deviceRevisions, serverRevisions } from './sync-steps.mjs';

test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');

test.beforeEach(async () => {
  await passAll();
  await resetDatabases();
  await clearFaultLog();
});

/** The sync settings and status: the coordinator app's settings on this device. */
async function openSyncSettings(page) {
  await page.goto('/beheer/#/instellingen');
  await expect(page.getByRole('heading', { name: 'Synchroniseren met de server' })).toBeVisible();
}

test('an offline tablet syncs every record once when it comes back online, and says so', async ({ page, context }) => {
  await chooseLocation(page);
  await enterServer(page);
  await expect(page.getByTestId('sync-notice')).toContainText('Opgeslagen');
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd');
  await expectNoAxeViolations(page);

  // Days without network: three contacts, one deleted.
  await page.getByRole('link', { name: 'Registreren' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await context.setOffline(true);
  for (const domain of ['Financiën', 'Huisvesting', 'Tijdsbesteding']) await registerCommonContact(page, domain);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over .* verwijderen$/ }).first().click();
  await expect(page.getByTestId('pending')).toContainText('3 wijzigingen nog niet op de server');
  expect(await docs()).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 20_000 });
  const here = await deviceRevisions(page);
  expect(Object.keys(here)).toHaveLength(3);
  expect(await serverRevisions()).toEqual(here);
  const deleted = (await docs()).filter((d) => d.deleted);
  expect(deleted).toHaveLength(1);
  expect(deleted[0].doc.note, 'a deleted contact travels without its content').toBeUndefined();
});

test('a server error, a timeout and a cut connection lose nothing and duplicate nothing', async ({ page }) => {
  await chooseLocation(page);
  await enterServer(page);
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd');
  await page.getByRole('link', { name: 'Registreren' }).click();

  // 500 on the batch: the records stay pending, the error is in plain words.
  await fault({ mode: 'error', status: 500, match: '_bulk_docs', count: 0 });
  await registerCommonContact(page);
  await openSyncSettings(page);
  await expect(page.getByTestId('sync-error')).toContainText('De server meldt een fout (500)', { timeout: 20_000 });
  await expect(page.getByTestId('pending')).toContainText('1');

  // The server applies the batch, the answer never arrives: the device
  // tries again by itself and the server keeps one copy.
  await passAll();
  await fault({ mode: 'cut', match: '_bulk_docs', count: 1 });
  await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect.poll(async () => (await faultLog()).some((r) => r.fault === 'cut'), { timeout: 20_000 }).toBe(true);
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 30_000 });
  expect(await serverRevisions()).toEqual(await deviceRevisions(page));

  // The same batch twice in one go.
  await page.getByRole('link', { name: 'Registreren' }).click();
  await fault({ mode: 'duplicate', match: '_bulk_docs', count: 1 });
  await registerCommonContact(page, 'Huisvesting');
  await openSyncSettings(page);
  await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 20_000 });
  await expect(page.getByTestId('sync-error')).toBeHidden();
  expect(await serverRevisions()).toEqual(await deviceRevisions(page));
  expect((await faultLog()).some((r) => r.fault === 'duplicate')).toBe(true);
});

test('a wrong password and a server without CORS get a clear message and keep everything', async ({ page }) => {
  await chooseLocation(page);
  await registerCommonContact(page);
  await enterServer(page, { password: 'fout', action: 'Verbinding testen' });
  await expect(page.getByTestId('sync-notice')).toHaveText('De gebruikersnaam of het wachtwoord klopt niet.');
  await expect(page.getByLabel('Wachtwoord')).toHaveValue('');

  await fault({ mode: 'nocors', count: 0 });
  await page.getByLabel('Wachtwoord').fill(USERS.tablet1.password);
  await page.getByRole('button', { name: 'Verbinding testen' }).click();
  await expect(page.getByTestId('sync-notice')).toContainText('CORS');

  await fault({ mode: 'down', count: 0 });
  await page.getByLabel('Wachtwoord').fill(USERS.tablet1.password);
  await page.getByRole('button', { name: 'Verbinding testen' }).click();
  await expect(page.getByTestId('sync-notice')).toContainText('niet bereikbaar');

  await passAll();
  await page.getByLabel('Wachtwoord').fill(USERS.tablet1.password);
  await page.getByRole('button', { name: 'Verbinding testen' }).click();
  await expect(page.getByTestId('sync-notice')).toHaveText('De verbinding werkt: server, inlog en database zijn in orde.');
  await expect(page.getByTestId('pending')).toContainText('1');
  expect(await docs(), 'a test stores nothing and sends nothing').toEqual([]);
});

test('the password is kept sealed: not in storage, not in the export, never shown again', async ({ page }) => {
  await chooseLocation(page);
  await enterServer(page);
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd');
  await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
  await expect(page.getByText('Er is een wachtwoord bewaard')).toBeVisible();
  const dump = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('wijkpeil');
        open.onsuccess = () => {
          const tx = open.result.transaction(['sync_state'], 'readonly');
          const req = tx.objectStore('sync_state').getAll();
          req.onsuccess = () => resolve(JSON.stringify(req.result) + JSON.stringify({ ...localStorage }));
        };
      }),
  );
  expect(dump).not.toContain(USERS.tablet1.password);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Alles exporteren (JSON)' }).click(),
  ]);
  const text = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  expect(text).not.toContain(USERS.tablet1.password);

  // After a reload the stored login still syncs.
  await page.reload();
  await page.getByRole('link', { name: 'Registreren' }).click();
  await registerCommonContact(page);
  await expect.poll(async () => Object.keys(await serverRevisions()).length, { timeout: 20_000 }).toBe(1);
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server');
  expect(await serverRevisions()).toEqual(await deviceRevisions(page));
});

// Two laptops changing one record offline (scenario 6): sync-conflict.spec.mjs;
// a reload during a sync (5): sync-resume.spec.mjs; two tabs (12):
// sync-tabs.spec.mjs; a new version while offline (13): sync-update.spec.mjs.
