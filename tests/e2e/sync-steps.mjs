// Steps shared by the sync scenarios (sync, sync-conflict, sync-resume,
// sync-tabs, sync-update, org-lists): they drive the
// app by visible labels and roles, and read a device's records and the
// server's documents to compare them at the end of each scenario.
import { expect } from '@playwright/test';
import { proxyUrl, docs, USERS } from './couch.mjs';

/** Opens the settings and enters the server; `save` or just `test`. */
export async function enterServer(
  page,
  { user = USERS.tablet1, password, action = 'Opslaan en synchroniseren', server = proxyUrl(), database = 'wijkpeil' } = {},
) {
  // On a volunteer's tablet, its settings lead to the coordinator app's.
  if (!page.url().includes('/beheer/')) {
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('link', { name: 'Naar importeren en synchroniseren (Beheer)' }).click();
  }
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await page.getByLabel('Adres van de server').fill(server);
  await page.getByLabel('Database').fill(database);
  await page.getByLabel('Gebruikersnaam').fill(user.name);
  await page.getByLabel('Wachtwoord').fill(password ?? user.password);
  await page.getByRole('button', { name: action }).click();
}

/** Reads every record of this device's IndexedDB in the page. */
function readRecords(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('wijkpeil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = ['contacts', 'survey_responses', 'surveys', 'trajectories', 'activities', 'initiatives', 'org_lists'];
          const tx = db.transaction(stores, 'readonly');
          const out = [];
          let left = stores.length;
          for (const name of stores) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => {
              out.push(...req.result);
              if (--left === 0) {
                db.close();
                resolve(out);
              }
            };
          }
        };
      }),
  );
}

/** The records of this device as {`kind:id` → revision}. */
export async function deviceRevisions(page) {
  const out = {};
  for (const r of await readRecords(page)) out[`${r.kind}:${r.id}`] = r.revision;
  return out;
}

/** One stored record of this device (as JSON), or undefined. */
export async function deviceRecord(page, docId) {
  return (await readRecords(page)).find((r) => `${r.kind}:${r.id}` === docId);
}

/** The server's documents as {id → revision}, each with exactly one leaf. */
export async function serverRevisions() {
  const out = {};
  for (const d of await docs()) {
    expect(d.conflicts, `${d.id} has one leaf`).toEqual([]);
    out[d.id] = Number(d.rev.split('-')[0]);
  }
  return out;
}

/** A value of the store `sync_state` of this device. */
export function syncState(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((resolve) => {
        const open = indexedDB.open('wijkpeil');
        open.onsuccess = () => {
          const req = open.result.transaction(['sync_state'], 'readonly').objectStore('sync_state').get(key);
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result ?? null);
          };
        };
      }),
    key,
  );
}

/** Syncs now (from the coordinator app's settings) and waits until a sync ended after this call. */
export async function syncNow(page) {
  if (!page.url().includes('/beheer/')) await page.goto('/beheer/');
  await page.getByRole('link', { name: 'Instellingen' }).click();
  const before = Date.now();
  await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect
    .poll(async () => {
      const when = await syncState(page, 'last-ok');
      return when ? Date.parse(when) : 0;
    }, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(before - 1000);
  await expect(page.getByRole('button', { name: 'Nu synchroniseren' })).toBeEnabled();
}

/** A coordinator's laptop with its own browser profile, synced as `coord`. */
export async function coordinatorLaptop(browser, baseURL) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await page.goto('/beheer/');
  await enterServer(page, { user: USERS.coord });
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd', { timeout: 20_000 });
  return { context, page };
}

/** Enters a small trajectory; returns its code. */
export async function enterTrajectory(page) {
  await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
  await page.getByRole('link', { name: 'Nieuw traject' }).click();
  const value = await page.getByLabel('Code', { exact: true }).inputValue();
  await page.getByLabel('Verwijzer').selectOption('huisarts');
  await page.getByLabel('Leeftijdsgroep').selectOption('27-64');
  await page.getByLabel('Huishouden').selectOption('single_parent');
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel('Doel 1', { exact: true }).fill('Overzicht in de post');
  await page
    .getByRole('group', { name: 'Beginmeting (ZRM)' })
    .getByLabel('Financiën', { exact: true })
    .selectOption('not_self_reliant');
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(page.getByRole('heading', { name: `Traject ${value}` })).toBeVisible();
  return value;
}

/** Opens a trajectory from the list. */
export async function openTrajectory(page, code) {
  await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
  await page.getByRole('link', { name: `Traject ${code} openen` }).click();
  await expect(page.getByRole('heading', { name: `Traject ${code}` })).toBeVisible();
}

/** Logs a contact moment on the open trajectory; `saved: false` expects a refusal. */
export async function logMoment(page, note, channel, { saved = true } = {}) {
  await page.getByLabel('Kanaal').selectOption(channel);
  await page.getByLabel('Korte notitie (niet verplicht, geen namen)').fill(note);
  await page.getByRole('button', { name: 'Contactmoment toevoegen' }).click();
  if (saved) await expect(page.getByRole('status').filter({ hasText: 'Contactmoment opgeslagen.' })).toBeVisible();
}

/** Opens a trajectory from the list and logs a contact moment on it. */
export async function addMoment(page, code, note, channel) {
  await openTrajectory(page, code);
  await logMoment(page, note, channel);
}
