// Residents' answers reach the organisation: a phone opens a survey link
// that names the drop-off database (`&to=`), keeps each answer first, and its
// service worker (public/sw.js) delivers it with one PUT per answer, now or
// as soon as it can. The drop-off is the CouchDB test server behind the fault
// proxy (tests/e2e/couch.mjs), with the rule of docs/DEPLOY.md: without a
// login only `PUT /wijkpeil-enquete/survey_response:<id>`.
import { test, expect } from './fixtures.mjs';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerVisitSurvey, expectNoAxeViolations, waitForServiceWorker, storedResponses } from './helpers.mjs';
import { couchAvailable, proxyUrl, resetDatabases, docs, fault, passAll, clearFaultLog, faultLog, DROPOFF, USERS } from './couch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const SENT = 'Uw antwoord is verstuurd.';
const LATER = 'Uw antwoord wordt verstuurd zodra er internet is.';

const dropoff = () => `${proxyUrl()}/${DROPOFF}`;
const phoneLink = () => `/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord&to=${dropoff()}`;

/** As if the phone never heard that its answers arrived: all waiting again. */
async function forgetDelivery(page) {
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('wijkpeil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('survey_responses', 'readwrite');
          const store = tx.objectStore('survey_responses');
          store.getAll().onsuccess = (event) => {
            for (const record of event.target.result) store.put({ ...record, shipped_revision: 0, pending: 1 });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The PUTs of survey responses the proxy saw, as "status path". */
async function deliveries() {
  return (await faultLog())
    .filter((entry) => entry.method === 'PUT' && entry.path.includes('/survey_response:'))
    .map((entry) => `${entry.status} ${entry.path}`);
}

test.describe('with the drop-off server', () => {
  test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test.beforeEach(async () => {
    await passAll();
    await resetDatabases();
    await clearFaultLog();
  });

  test("an answer given offline is sent once the phone is online, exactly once and anonymously, and reaches the coordinator's figures once", async ({ page, context, browser, baseURL }) => {
    const sent = [];
    context.on('request', (request) => {
      if (request.method() === 'PUT') sent.push(request);
    });
    await page.goto(phoneLink());
    await expect(page.getByRole('heading', { name: 'Hoe was uw bezoek?' })).toBeVisible();
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await answerVisitSurvey(page);
    await expect(page.getByTestId('delivery')).toHaveText(LATER);
    const [kept] = await storedResponses(page);
    expect(kept.pending).toBe(1);
    expect(await docs(DROPOFF)).toEqual([]);

    await context.setOffline(false);
    await expect(page.getByTestId('delivery')).toHaveText(SENT, { timeout: 20_000 });
    await expectNoAxeViolations(page);
    const [response] = await storedResponses(page);
    expect(response.pending).toBe(0);
    expect(response.shipped_revision).toBe(response.revision);

    // On the server: one document, the record without this phone's bookkeeping.
    const delivered = await docs(DROPOFF);
    expect(delivered.map((d) => d.id)).toEqual([`survey_response:${response.id}`]);
    const { _id, _rev, ...doc } = delivered[0].doc;
    const { shipped_revision, pending, server_rev, ...record } = response;
    expect(doc).toEqual(record);
    expect(await deliveries()).toEqual([`201 /${DROPOFF}/survey_response:${response.id}`]);

    // No login, no cookie; nothing read back.
    const put = sent.find((request) => request.url().includes('/survey_response:'));
    expect(put).toBeDefined();
    const headers = await put.allHeaders();
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect((await faultLog()).filter((entry) => !['PUT', 'OPTIONS'].includes(entry.method))).toEqual([]);

    // The coordinator's sync takes it into the figures, once, however often it runs.
    const laptop = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    const coordinator = await laptop.newPage();
    await coordinator.goto('/beheer/#/instellingen');
    await coordinator.getByLabel('Adres van de server').fill(proxyUrl());
    await coordinator.getByLabel('Database').fill('wijkpeil');
    await coordinator.getByLabel('Gebruikersnaam').fill(USERS.coord.name);
    await coordinator.getByLabel('Wachtwoord').fill(USERS.coord.password);
    await coordinator.getByRole('button', { name: 'Opslaan en synchroniseren' }).click();
    await expect(coordinator.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 30_000 });
    for (let run = 0; run < 2; run++) {
      await coordinator.getByRole('button', { name: 'Nu synchroniseren' }).click();
      await expect(coordinator.getByRole('button', { name: 'Nu synchroniseren' })).toBeEnabled({ timeout: 30_000 });
      await expect(coordinator.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 30_000 });
    }
    await coordinator.getByRole('link', { name: 'Enquêtes' }).click();
    const visit = coordinator.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await expect(visit.getByTestId('response-count')).toHaveText('Op dit apparaat: 1 ingevuld, 0 wachten op versturen');
    const main = (await docs()).filter((d) => d.id.startsWith('survey_response:'));
    expect(main.map((d) => [d.id, d.rev.split('-')[0]])).toEqual([[`survey_response:${response.id}`, '1']]);
    await laptop.close();
  });

  test('a server error is tried again, and a second delivery of the same answer is harmless', async ({ page }) => {
    await page.goto(phoneLink());
    await waitForServiceWorker(page);
    await fault({ mode: 'error', status: 500, count: 1, match: '/survey_response:' });
    await answerVisitSurvey(page);
    await expect(page.getByTestId('delivery')).toHaveText(SENT, { timeout: 30_000 });
    const [response] = await storedResponses(page);
    const target = `/${DROPOFF}/survey_response:${response.id}`;
    expect(await deliveries()).toEqual([`500 ${target}`, `201 ${target}`]);

    // The phone lost the news that it arrived: it sends it again when the
    // survey opens, the server answers 409, and the phone counts it as sent.
    await forgetDelivery(page);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    await expect.poll(async () => (await storedResponses(page))[0].pending, { timeout: 20_000 }).toBe(0);
    expect(await deliveries()).toEqual([`500 ${target}`, `201 ${target}`, `409 ${target}`]);
    expect((await docs(DROPOFF)).map((d) => d.id)).toEqual([`survey_response:${response.id}`]);

    // The next answer goes by itself; the first is not sent again.
    await answerVisitSurvey(page);
    await expect(page.getByTestId('delivery')).toHaveText(SENT, { timeout: 20_000 });
    expect(await docs(DROPOFF)).toHaveLength(2);
    expect((await deliveries()).filter((line) => line.endsWith(target))).toHaveLength(3);
  });

  test('a kiosk keeps its answers for its own sync', async ({ page }) => {
    await page.goto(`/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord&kiosk=1&to=${dropoff()}`);
    await waitForServiceWorker(page);
    await answerVisitSurvey(page, 'Beginnen');
    await expect(page.getByTestId('delivery')).toHaveCount(0);
    // Opening the survey again (a try of the worker) sends nothing either.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    await page.waitForTimeout(1000);
    expect(await deliveries()).toEqual([]);
    expect((await storedResponses(page))[0].pending).toBe(1);
  });
});

test.describe('on the coordinator\'s laptop', () => {
  test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');
  test.beforeEach(async () => {
    await passAll();
    await resetDatabases();
  });

  test('the coordinator\'s phone link names the drop-off on the sync server', async ({ page }) => {
    await page.goto('/beheer/');
    await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
    const card = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await expect(card.getByRole('link')).toHaveText(/\/enquete\/#s=wijkplein-bezoek(&loc=[a-z-]+)?$/);

    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByLabel('Adres van de server').fill(proxyUrl());
    await page.getByLabel('Database').fill('wijkpeil');
    await page.getByLabel('Gebruikersnaam').fill(USERS.coord.name);
    await page.getByLabel('Wachtwoord').fill(USERS.coord.password);
    await page.getByRole('button', { name: 'Opslaan en synchroniseren' }).click();
    await expect(page.getByTestId('sync-notice')).toContainText('Opgeslagen');
    await page.getByRole('link', { name: 'Enquêtes' }).click();
    await expect(card.getByRole('link')).toHaveText(new RegExp(`&to=${dropoff().replace(/[.]/g, '\\.')}$`));
    await expect(card.getByRole('img', { name: 'QR-code voor Hoe was uw bezoek?' })).toBeVisible();
  });
});

test.describe('short links to an own survey', () => {
  test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');
  test.beforeEach(async () => {
    await passAll();
    await resetDatabases();
    await clearFaultLog();
  });

  // CouchDB on the app's own origin under /couchdb/, as docs/DEPLOY.md
  // recommends (tools/serve-static.mjs passes it on to the fault proxy).
  test('the phone fetches the survey from the drop-off, keeps it for offline use, and gets the next version', async ({ page, browser, baseURL }) => {
    const server = `${baseURL}/couchdb`;
    await page.goto('/beheer/#/instellingen');
    await page.getByLabel('Adres van de server').fill(server);
    await page.getByLabel('Database').fill('wijkpeil');
    await page.getByLabel('Gebruikersnaam').fill(USERS.coord.name);
    await page.getByLabel('Wachtwoord').fill(USERS.coord.password);
    await page.getByRole('button', { name: 'Opslaan en synchroniseren' }).click();
    await expect(page.getByTestId('sync-notice')).toContainText('Opgeslagen');

    await page.getByRole('link', { name: 'Enquêtes' }).click();
    const kto = page.locator('.survey-card').filter({ hasText: 'Hoe tevreden bent u over onze hulp?' });
    await kto.getByRole('button', { name: 'Kopie maken' }).click();
    await page.getByLabel('Titel (Nederlands)').fill('Hoe was ons traject?');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 1.')).toBeVisible();
    await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
    const own = page.locator('.survey-card').filter({ hasText: 'Hoe was ons traject?' });
    // Short: no packed definition, only the survey and where to deliver.
    const short = new RegExp(`/enquete/#s=(eigen-[0-9a-f]{8})(&loc=[a-z-]+)?&to=${server.replace(/[.]/g, '\\.')}/${DROPOFF}$`);
    await expect(own.getByRole('link')).toHaveAttribute('href', short);
    const href = await own.getByRole('link').getAttribute('href');
    const survey = href.match(short)[1];
    await expectNoAxeViolations(page);

    // The coordinator's sync (soon after the save) puts the copy for phones in the drop-off.
    await expect.poll(async () => (await docs(DROPOFF)).map((d) => d.id), { timeout: 30_000 }).toContain(`survey:${survey}`);
    const copy = (await docs(DROPOFF)).find((d) => d.id === `survey:${survey}`).doc;
    expect([copy.id, copy.version, copy.status]).toEqual([survey, 1, 'published']);

    // A phone offline at its first visit cannot have it yet: it says so.
    const offlinePhone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const first = await offlinePhone.newPage();
    await first.goto('/enquete/');
    await waitForServiceWorker(first);
    await offlinePhone.setOffline(true);
    await first.goto(href);
    await expect(first.getByRole('alert')).toContainText('Deze enquête is niet gevonden.');
    await offlinePhone.close();

    // A phone online: fetched without a login, kept, and it opens offline afterwards.
    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const resident = await phone.newPage();
    const sent = [];
    phone.on('request', (request) => sent.push(request));
    await resident.goto(href);
    await expect(resident.getByRole('heading', { name: 'Hoe was ons traject?' })).toBeVisible();
    const fetched = sent.find((request) => request.url().endsWith(`/${DROPOFF}/survey:${survey}`));
    expect(fetched).toBeDefined();
    expect((await fetched.allHeaders()).authorization).toBeUndefined();
    await waitForServiceWorker(resident);
    await phone.setOffline(true);
    await resident.reload();
    await expect(resident.getByRole('heading', { name: 'Hoe was ons traject?' })).toBeVisible();
    await resident.getByRole('button', { name: 'Beginnen' }).click();
    await expect(resident.getByText(/^Vraag 1 van \d+$/)).toBeVisible();
    await expectNoAxeViolations(resident);

    // Without a login, the drop-off lets a phone read the surveys and nothing else.
    const anonymous = await fetch(`${server}/${DROPOFF}/_all_docs`);
    expect(anonymous.status).toBe(401);

    // A new version: published, synced, and the phone gets it the next time it opens online.
    await page.goto('/beheer/');
    await page.locator('.survey-card').filter({ hasText: 'Hoe was ons traject?' }).getByRole('button', { name: 'Bewerken' }).click();
    await page.getByLabel('Titel (Nederlands)').fill('Hoe was uw traject?');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 2.')).toBeVisible();
    await expect
      .poll(async () => (await docs(DROPOFF)).find((d) => d.id === `survey:${survey}`).doc.version, { timeout: 30_000 })
      .toBe(2);
    await phone.setOffline(false);
    await resident.goto('/enquete/');
    await resident.goto(href);
    await expect(resident.getByRole('heading', { name: 'Hoe was uw traject?' })).toBeVisible();
    await phone.close();
  });
});

test('WIJKPEIL_SYNC_ORIGIN adds the sync server to connect-src of every page, and nothing else changes', async () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkpeil-csp-'));
  try {
    for (const page of ['index.html', 'enquete/index.html', 'beheer/index.html']) {
      fs.mkdirSync(path.dirname(path.join(dist, page)), { recursive: true });
      fs.copyFileSync(path.join(root, 'dist', page), path.join(dist, page));
    }
    const run = (origin) =>
      new Promise((resolve) => {
        execFile(process.execPath, [path.join(root, 'tools/csp-origin.mjs'), dist, origin], (err, stdout, stderr) =>
          resolve({ code: err ? err.code : 0, stderr }),
        );
      });
    expect((await run('https://couch.example.nl/couchdb')).code).toBe(2);
    expect((await run('http://couch.example.nl')).code).toBe(2);
    const before = fs.readFileSync(path.join(dist, 'enquete/index.html'), 'utf8');
    expect((await run('https://couch.example.nl:6984')).code).toBe(0);
    for (const page of ['index.html', 'enquete/index.html', 'beheer/index.html']) {
      const html = fs.readFileSync(path.join(dist, page), 'utf8');
      expect(html).toContain("connect-src 'self' https://couch.example.nl:6984;");
      expect(html.match(/connect-src/g)).toHaveLength(1);
    }
    const after = fs.readFileSync(path.join(dist, 'enquete/index.html'), 'utf8');
    expect(after.replace(" https://couch.example.nl:6984", '')).toBe(before);
  } finally {
    fs.rmSync(dist, { recursive: true, force: true });
  }
});
