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
import { answerVisitSurvey, expectNoAxeViolations, waitForServiceWorker, storedResponses, chooseLocation, registerCommonContact } from './helpers.mjs';
import { couchAvailable, proxyUrl, resetDatabases, docs, passAll, DROPOFF, USERS } from './couch.mjs';

const PASSPHRASE = 'een lange zin als wachtwoord';
const SENT = 'Uw antwoord is verstuurd.';

/** Makes the answer key on this device (the lock page); its key file's path and contents. */
async function makeKey(page, testInfo) {
  await page.goto('/ontgrendelen/#sleutel');
  await page.getByLabel('Wachtwoord van het sleutelbestand').fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Nieuwe sleutel maken en bewaren' }).click(),
  ]);
  const path = testInfo.outputPath(`key-${Date.now()}.json`);
  await download.saveAs(path);
  return { path, download, file: JSON.parse(fs.readFileSync(path, 'utf8')) };
}

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

    const { path: keyFile, download, file } = await makeKey(page, testInfo);
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
    await answerVisitSurvey(phone);
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
    const { path: keyFile, file } = await makeKey(laptop, testInfo);
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
    await answerVisitSurvey(page, 'Beginnen');
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

test('before a wipe, a locked tablet saves a copy sealed for the organisation, which only a device with the key imports', async ({ page, browser, baseURL }, testInfo) => {
  // Without a key on the device, no copy is offered.
  await page.goto('/ontgrendelen/#wissen');
  await expect(page.getByTestId('sealed-copy')).toHaveText(/staat geen sleutel van de organisatie/);

  // The tablet has the key (here: made on it); two contacts are registered.
  const { path: keyFile } = await makeKey(page, testInfo);
  await chooseLocation(page);
  await registerCommonContact(page);
  await registerCommonContact(page, 'Huisvesting');

  // Locked, the wipe page offers the sealed copy.
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await page.goto('/ontgrendelen/#wissen');
  const [copyDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Versleutelde kopie bewaren' }).click(),
  ]);
  await expect(page.getByTestId('sealed-copy')).toContainText('2 records, versleuteld');
  await expectNoAxeViolations(page);
  const copyFile = testInfo.outputPath('copy.json');
  await copyDownload.saveAs(copyFile);
  const copy = fs.readFileSync(copyFile, 'utf8');
  const sealed = JSON.parse(copy);
  expect(sealed.format).toBe('wijkpeil-sealed-copy');
  for (const plain of ['contact', 'financien', 'wijkplein-noord']) expect(copy).not.toContain(plain);

  // Wiped.
  await page.getByLabel('Typ WISSEN om te bevestigen').fill('WISSEN');
  await page.getByRole('button', { name: 'Alles op dit apparaat wissen' }).click();
  await expect(page.getByText('Dit apparaat is gewist.')).toBeVisible();

  // The coordinator's laptop: refused without the key, imported with it.
  const laptopContext = await browser.newContext({ baseURL });
  const laptop = await laptopContext.newPage();
  await laptop.goto('/beheer/#/instellingen');
  await laptop.getByLabel('Exportbestand kiezen').setInputFiles(copyFile);
  await expect(laptop.getByTestId('import-message')).toContainText(`Dit is een versleutelde kopie van een apparaat, voor sleutel ${sealed.key}.`);
  await expect(laptop.getByTestId('records-stored')).toHaveText('0');

  await laptop.goto('/ontgrendelen/#sleutel');
  await laptop.getByLabel('Sleutelbestand', { exact: true }).setInputFiles(keyFile);
  await laptop.getByLabel('Wachtwoord van het sleutelbestand').fill(PASSPHRASE);
  await laptop.getByRole('button', { name: 'Sleutelbestand inlezen' }).click();
  await expect(laptop.getByTestId('answer-key-status')).toHaveText('Het sleutelbestand is ingelezen.', { timeout: 20_000 });

  await laptop.goto('/beheer/#/instellingen');
  await laptop.getByLabel('Exportbestand kiezen').setInputFiles(copyFile);
  await expect(laptop.getByTestId('import-preview')).toContainText('Nieuw op dit apparaat2');
  await laptop.getByRole('button', { name: '2 wijzigingen importeren' }).click();
  await expect(laptop.getByTestId('import-message')).toContainText('Import klaar: 2 nieuw');
  await expect(laptop.getByTestId('records-stored')).toHaveText('2');
  await laptopContext.close();
});
