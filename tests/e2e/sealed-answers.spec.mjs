// End-to-end encrypted answers (issue 11): the coordinator makes the
// organisation's answer key (Instellingen → Versleutelde antwoorden →
// Sleutel beheren, the lock page's `#sleutel`); the
// survey links made after that carry its public part (`&k=`); a resident's
// phone seals each response with WebCrypto before it keeps or sends it; the
// drop-off and the sync server hold only the envelope and cipher text; the
// coordinator's device, which holds the private key, counts it once in the
// jaarbeeld; another coordinator's device counts it only after reading the
// key file with its passphrase, and says until then that it cannot.
import { test, expect, CODES } from './fixtures.mjs';
import fs from 'node:fs';
import { expectNoAxeViolations, waitForServiceWorker, storedResponses } from './helpers.mjs';
import { couchAvailable, proxyUrl, resetDatabases, docs, passAll, DROPOFF, USERS } from './couch.mjs';

const PASSPHRASE = 'een lange zin als wachtwoord';
const SENT = 'Uw antwoord is verstuurd.';

async function connect(page) {
  await page.goto('/beheer/#/instellingen');
  await page.getByLabel('Adres van de server').fill(proxyUrl());
  await page.getByLabel('Database').fill('wijkpeil');
  await page.getByLabel('Gebruikersnaam').fill(USERS.coord.name);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(USERS.coord.password);
  await page.getByRole('button', { name: 'Opslaan en synchroniseren' }).click();
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 30_000 });
}

async function syncNow(page) {
  await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(page.getByRole('button', { name: 'Nu synchroniseren' })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 30_000 });
}

/** The visit survey's key figures in the jaarbeeld, as "row: text". */
async function visitFigures(page) {
  await page.goto('/beheer/#/jaarbeeld');
  await expect(page.getByRole('heading', { name: 'Jaarbeeld', level: 1 })).toBeVisible();
  return page.getByRole('table', { name: 'Hoe was uw bezoek?: kerncijfers' });
}

test.describe('sealed answers', () => {
  test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');
  test.beforeEach(async () => {
    await passAll();
    await resetDatabases();
  });

  test('an answer sealed on a phone is cipher text on the way and on the server, and counted once where the key is', async ({ page, browser, baseURL }, testInfo) => {
    // The coordinator makes the key; its file is saved at once.
    await page.goto('/beheer/#/instellingen');
    await page.getByRole('link', { name: 'Sleutel beheren' }).click();
    await expect(page.getByRole('heading', { name: 'Versleutelde antwoorden', level: 1 })).toBeVisible();
    const state = page.getByTestId('answer-key-state');
    await expect(state).toHaveText('Op dit apparaat staat nog geen sleutel. Antwoorden worden niet versleuteld.');
    await page.getByLabel('Wachtwoord van het sleutelbestand').fill('te kort');
    await page.getByRole('button', { name: 'Nieuwe sleutel maken en bewaren' }).click();
    await expect(page.getByTestId('answer-key-status')).toHaveText('Kies een wachtwoord van minstens 12 tekens.');
    await expect(state).toContainText('nog geen sleutel');

    await page.getByLabel('Wachtwoord van het sleutelbestand').fill(PASSPHRASE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Nieuwe sleutel maken en bewaren' }).click(),
    ]);
    const keyFile = testInfo.outputPath('key.json');
    await download.saveAs(keyFile);
    const file = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    expect(file.format).toBe('wijkpeil-answer-key');
    expect(download.suggestedFilename()).toBe(`wijkpeil-sleutel-${file.key}.json`);
    expect(JSON.stringify(file)).not.toContain(PASSPHRASE);
    await expect(state).toHaveText(`Sleutel ${file.key}: dit apparaat versleutelt antwoorden en kan ze lezen.`);
    await expect(page.getByTestId('answer-key-status')).toContainText(`bewaard als wijkpeil-sleutel-${file.key}.json`);
    await expectNoAxeViolations(page);

    // The phone link now names the drop-off and carries the public key.
    await connect(page);
    await page.getByRole('link', { name: 'Enquêtes' }).click();
    const card = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await expect(card.getByRole('link').first()).toContainText('&to=');
    const link = await card.getByRole('link').first().textContent();
    expect(link).toContain(`&k=${file.public}`);
    expect(link).toContain(`&to=${proxyUrl()}/${DROPOFF}`);

    // A resident answers on a phone.
    const phoneContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const phone = await phoneContext.newPage();
    await phone.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await expect(phone.getByRole('heading', { name: 'Hoe was uw bezoek?' })).toBeVisible();
    await waitForServiceWorker(phone);
    await phone.getByText('Wat gebeurt er met uw antwoorden?').click();
    await expect(phone.getByText('Uw antwoorden worden op dit toestel op slot gezet (versleuteld).')).toBeVisible();
    await phone.getByRole('button', { name: 'Beginnen' }).click();
    await phone.getByRole('radio', { name: '8', exact: true }).check();
    await phone.getByRole('button', { name: 'Volgende' }).click();
    await phone.getByRole('radio', { name: 'Ja' }).check();
    await phone.getByRole('button', { name: 'Volgende' }).click();
    await phone.getByRole('radio', { name: 'Via familie of vrienden' }).check();
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await expect(phone.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    await expect(phone.getByTestId('delivery')).toHaveText(SENT, { timeout: 20_000 });

    // On the phone, and in the drop-off: the envelope and the seal only.
    const [kept] = await storedResponses(phone);
    expect(kept.answers).toEqual({});
    expect(kept.lang).toBe('');
    expect(kept.sealed.scheme).toBe('p256-hkdf-sha256-a256gcm');
    expect(kept.sealed.key).toBe(file.key);
    const [delivered] = (await docs(DROPOFF)).map((d) => d.doc);
    expect(delivered._id).toBe(`survey_response:${kept.id}`);
    expect(delivered.answers).toEqual({});
    expect(delivered.sealed).toEqual(kept.sealed);
    expect(delivered.survey_id).toBe('wijkplein-bezoek');
    const text = JSON.stringify(delivered);
    for (const plain of ['cijfer', 'familie', '"nl"']) expect(text).not.toContain(plain);
    await phoneContext.close();

    // The coordinator's sync takes it in, sealed, and stores it sealed on the server.
    await page.goto('/beheer/#/instellingen');
    await syncNow(page);
    const [onServer] = (await docs()).filter((d) => d.id.startsWith('survey_response:')).map((d) => d.doc);
    expect(onServer.sealed).toEqual(kept.sealed);
    expect(onServer.answers).toEqual({});
    const [here] = await storedResponses(page);
    expect(here.sealed).toEqual(kept.sealed);

    // Counted once in the jaarbeeld, with its mark.
    const figures = await visitFigures(page);
    await expect(figures.getByRole('row', { name: /^Ingevulde vragenlijsten/ })).toContainText('1');
    await expect(page.getByText(/versleuteld antwoord.*kon niet worden gelezen/)).toHaveCount(0);
    // A second sync does not count it twice.
    await page.goto('/beheer/#/instellingen');
    await syncNow(page);
    await visitFigures(page);
    await expect(figures.getByRole('row', { name: /^Ingevulde vragenlijsten/ })).toContainText('1');

    // Another coordinator's laptop: without the key the answer is in no
    // figure and the report says so; a wrong passphrase changes nothing;
    // the key file with its passphrase opens it.
    const laptopContext = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    const laptop = await laptopContext.newPage();
    await connect(laptop);
    await visitFigures(laptop);
    await expect(laptop.getByText('1 versleuteld antwoord op dit apparaat kon niet worden gelezen', { exact: false })).toBeVisible();

    await laptop.goto('/ontgrendelen/#sleutel');
    await laptop.getByLabel('Sleutelbestand', { exact: true }).setInputFiles(keyFile);
    await laptop.getByLabel('Wachtwoord van het sleutelbestand').fill('niet het goede wachtwoord');
    await laptop.getByRole('button', { name: 'Sleutelbestand inlezen' }).click();
    await expect(laptop.getByTestId('answer-key-status')).toHaveText('Het wachtwoord past niet bij dit sleutelbestand. Er is niets veranderd.', { timeout: 20_000 });
    await expect(laptop.getByTestId('answer-key-state')).toContainText('nog geen sleutel');

    await laptop.getByLabel('Wachtwoord van het sleutelbestand').fill(PASSPHRASE);
    await laptop.getByRole('button', { name: 'Sleutelbestand inlezen' }).click();
    await expect(laptop.getByTestId('answer-key-status')).toHaveText('Het sleutelbestand is ingelezen.', { timeout: 20_000 });
    await expect(laptop.getByTestId('answer-key-state')).toHaveText(`Sleutel ${file.key}: dit apparaat versleutelt antwoorden en kan ze lezen.`);
    const opened = await visitFigures(laptop);
    await expect(opened.getByRole('row', { name: /^Ingevulde vragenlijsten/ })).toContainText('1');
    await expect(laptop.getByText(/kon niet worden gelezen/)).toHaveCount(0);
    await laptopContext.close();
  });

  test('a kiosk tablet with only the public key seals, and cannot read what it sealed', async ({ page, browser, baseURL }, testInfo) => {
    // The key is made on the coordinator's laptop …
    const laptopContext = await browser.newContext({ baseURL });
    const laptop = await laptopContext.newPage();
    await laptop.goto('/ontgrendelen/#sleutel');
    await laptop.getByLabel('Wachtwoord van het sleutelbestand').fill(PASSPHRASE);
    const [download] = await Promise.all([
      laptop.waitForEvent('download'),
      laptop.getByRole('button', { name: 'Nieuwe sleutel maken en bewaren' }).click(),
    ]);
    const keyFile = testInfo.outputPath('key.json');
    await download.saveAs(keyFile);
    const file = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    await laptopContext.close();

    // … and read on the tablet without the passphrase: the public part only.
    await page.goto('/ontgrendelen/#sleutel');
    await page.getByLabel('Sleutelbestand', { exact: true }).setInputFiles(keyFile);
    await page.getByRole('button', { name: 'Sleutelbestand inlezen' }).click();
    await expect(page.getByTestId('answer-key-status')).toHaveText('Het sleutelbestand is ingelezen.');
    await expect(page.getByTestId('answer-key-state')).toHaveText(`Sleutel ${file.key}, alleen het openbare deel: dit apparaat versleutelt antwoorden, maar kan ze niet lezen.`);
    await expect(page.getByRole('button', { name: 'Sleutel bewaren als bestand' })).toHaveCount(0);

    // Its kiosk link carries the key; what the kiosk keeps is sealed.
    await page.goto('/beheer/#/enquetes');
    const card = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await card.getByRole('button', { name: 'Kiosk starten' }).click();
    await expect(page).toHaveURL(new RegExp(`/enquete/#s=wijkplein-bezoek.*&kiosk=1.*&k=${file.public}`));
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('radio', { name: '8', exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('radio', { name: 'Ja' }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('radio', { name: 'Via familie of vrienden' }).check();
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    const [kept] = await storedResponses(page);
    expect(kept.answers).toEqual({});
    expect(kept.sealed.key).toBe(file.key);
    expect(kept.pending).toBe(1);
  });
});

test('the answer key page needs the coordinator\'s code', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  // A tab unlocked as volunteer only.
  await page.goto('/ontgrendelen/#sleutel');
  await page.evaluate(() => sessionStorage.setItem('wijkpeil.session', `volunteer:${Date.now()}:60`));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Beheer is vergrendeld' })).toBeVisible();
  await expect(page.getByTestId('answer-key-state')).toHaveCount(0);
  await page.getByLabel('Code', { exact: true }).fill(CODES.coordinator);
  await page.getByRole('button', { name: 'Openen' }).click();
  await expect(page.getByRole('heading', { name: 'Versleutelde antwoorden', level: 1 })).toBeVisible();
  await expect(page.getByTestId('answer-key-state')).toContainText('nog geen sleutel');
  await expectNoAxeViolations(page);
  await context.close();
});
