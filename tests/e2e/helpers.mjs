// Shared steps for the end-to-end specs: they drive the app the way a
// volunteer does, by visible labels and roles.
import { expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';

/** Records every request that leaves the app's own origin. */
export function watchForeignRequests(context, baseURL) {
  const origin = new URL(baseURL).origin;
  const foreign = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/** First visit: pick the location once. */
export async function chooseLocation(page, name = 'Wijkplein Noord') {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Waar staat dit apparaat?' })).toBeVisible();
  await page.getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
}

export function todayHeading(page, n) {
  return page.getByRole('heading', { name: `Vandaag (${n})` });
}

/**
 * Answers the wijkplein visit survey (mark, "Ja", how they found it) from its
 * start screen (`start`: "Beginnen" on a phone, "Start" on a kiosk), sends
 * it and waits for the thanks.
 */
export async function answerVisitSurvey(page, start = 'Beginnen', mark = '8') {
  await page.getByRole('button', { name: start }).click();
  await page.getByRole('radio', { name: mark, exact: true }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('radio', { name: 'Ja' }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('radio', { name: 'Via familie of vrienden' }).check();
  await page.getByRole('button', { name: 'Versturen' }).click();
  await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
}

/** The most common contact: one domain tap, then save. */
export async function registerCommonContact(page, domain = 'Financiën') {
  await page.getByRole('checkbox', { name: domain }).check();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Opgeslagen om');
}

/**
 * Waits until the service worker controls the page (offline from now on).
 * A page that was still loading when the worker activated (a coordinator
 * area loads its own build) is not claimed: as for a person, the next load
 * of the page is the worker's, so it is loaded once more then.
 */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.ready, null, { timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  try {
    await expect.poll(controlled, { timeout: 5_000 }).toBe(true);
  } catch {
    await page.reload();
    await expect.poll(controlled, { timeout: 20_000 }).toBe(true);
  }
}

export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/** The records of one IndexedDB store of this device, tombstones included,
 * read straight from the database (as stored: sealed texts stay sealed). */
export function storedRecords(page, store) {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('wijkpeil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

/** Every response stored on this device, read straight from IndexedDB. */
export function storedResponses(page) {
  return storedRecords(page, 'survey_responses');
}

let serial = 0;
/**
 * The bookkeeping of one record in an export file, as a hub's tablet wrote
 * it (each call a new id): `{ ...meta('contact', 2, at), ...fields }`.
 */
export const meta = (kind, schema, at) => ({
  id: `0193a1c2-0000-7000-8000-${String(++serial).padStart(12, '0')}`,
  kind,
  schema_version: schema,
  created_at: at,
  updated_at: at,
  device_id: 'tablet-hub',
  revision: 1,
  deleted: false,
  shipped_revision: 1,
});

/**
 * A copy of the built app (E2E_DIST, else dist/) in a temporary folder,
 * served on `port` by tools/serve-static.mjs, for a spec that changes what
 * is served (a new version, a theme). `prepare(dir)` runs on the copy
 * before it is served. `stop()` ends the server and removes the copy.
 */
export async function serveCopy(name, port, prepare = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), `wijkpeil-${name}-`));
  cpSync(process.env.E2E_DIST || 'dist', dir, { recursive: true });
  prepare(dir);
  const server = spawn(process.execPath, ['tools/serve-static.mjs', dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => chunk.toString().includes('serving') && resolve());
    server.on('exit', (code) => reject(new Error(`static server exited with ${code}`)));
  });
  return {
    dir,
    stop() {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Chooses `text` as the export file on the import screen (Beheer →
 * Instellingen, open in `page`), as a file called `name`.
 */
export async function chooseExportFile(page, text, name = 'wijkpeil-export.json') {
  await page.getByLabel('Exportbestand kiezen').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

/** Imports the export file `text` through Beheer → Instellingen, to the end. */
export async function importExportFile(page, text, name) {
  await page.goto('/beheer/#/instellingen');
  await chooseExportFile(page, text, name);
  await page.getByRole('button', { name: /importeren/ }).click();
  await expect(page.getByText('Import klaar')).toBeVisible();
}
