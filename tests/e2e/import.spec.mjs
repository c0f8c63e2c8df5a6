// Import (issue 9): an export made on one tablet imports on another device,
// the preview says what changes, a second import changes nothing, and a
// broken or hostile file is refused with a clear message and changes
// nothing. The file also matches the published JSON Schema.
import { test, expect } from './fixtures.mjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { chooseExportFile, chooseLocation, registerCommonContact, expectNoAxeViolations } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Registers two contacts on a fresh tablet, deletes one, and exports. */
async function exportFromTablet(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await chooseLocation(page);
  await registerCommonContact(page);
  await registerCommonContact(page, 'Huisvesting');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over .* verwijderen$/ }).first().click();
  await page.getByRole('link', { name: 'Instellingen' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Alles exporteren (JSON)' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  await context.close();
  return text;
}

async function counts(page) {
  return {
    stored: await page.getByTestId('records-stored').textContent(),
    deleted: await page.getByTestId('records-deleted').textContent(),
    pending: await page.getByTestId('records-pending').textContent(),
  };
}

test('an export imports on the coordinator laptop and on another tablet, and twice changes nothing', async ({ browser }) => {
  const file = await exportFromTablet(browser);

  // The file is what docs/export-format.md and the schema promise.
  const schema = JSON.parse(await readFile(path.join(root, 'public/export-format.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const parsed = JSON.parse(file);
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  expect(parsed.format_version).toBe(3);

  for (const app of ['/beheer/#/instellingen', '/#/instellingen']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (app.startsWith('/#')) await chooseLocation(page, 'Wijkplein Zuid');
    await page.goto(app);
    if (app.startsWith('/#')) {
      // The volunteer's app leads to the import of the coordinator app on
      // the same device (the same database).
      await page.getByRole('link', { name: 'Naar importeren en synchroniseren (Beheer)' }).click();
      await expect(page).toHaveURL(/\/beheer\/#\/instellingen$/);
    }
    await expect(page.getByTestId('records-stored')).toHaveText('0');

    await chooseExportFile(page, file, 'wijkpeil-export.json');
    const preview = page.getByTestId('import-preview');
    await expect(preview).toBeVisible();
    await expect(preview).toContainText('Nieuw op dit apparaat2');
    await expect(preview).toContainText('Ongeldig: wordt overgeslagen0');
    await expectNoAxeViolations(page);
    // Nothing is written before the confirmation.
    await expect(page.getByTestId('records-stored')).toHaveText('0');

    await page.getByRole('button', { name: '2 wijzigingen importeren' }).click();
    await expect(page.getByTestId('import-message')).toContainText('Import klaar: 2 nieuw');
    await expect(page.getByTestId('records-stored')).toHaveText('1');
    await expect(page.getByTestId('records-deleted')).toHaveText('1');
    const after = await counts(page);

    // The same file again: everything identical, nothing to import.
    await chooseExportFile(page, file, 'wijkpeil-export.json');
    await expect(preview).toContainText('Staat er al (geen wijziging)2');
    await expect(page.getByText('Dit bestand bevat niets nieuws voor dit apparaat.')).toBeVisible();
    await expect(page.getByRole('button', { name: /importeren$/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    expect(await counts(page)).toEqual(after);
    // Saved again by an editor that starts it with a byte order mark: read
    // the same.
    await chooseExportFile(page, `\uFEFF${file}`, 'wijkpeil-export.json');
    await expect(preview).toContainText('Staat er al (geen wijziging)2');
    await page.getByRole('button', { name: 'Annuleren' }).click();

    // After a reload the records are still there (durable, not in memory).
    await page.reload();
    await expect(page.getByTestId('records-stored')).toHaveText('1');
    await context.close();
  }
});

test('a broken, wrong-version or hostile file is refused with a clear message and changes nothing', async ({ browser }) => {
  const file = await exportFromTablet(browser);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/beheer/#/instellingen');
  await chooseExportFile(page, file, 'good.json');
  await page.getByRole('button', { name: '2 wijzigingen importeren' }).click();
  await expect(page.getByTestId('import-message')).toContainText('Import klaar: 2 nieuw');
  // The counts have caught up with the import before they are compared.
  await expect(page.getByTestId('records-stored')).toHaveText('1');
  await expect(page.getByTestId('records-deleted')).toHaveText('1');
  const before = await counts(page);

  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const parsed = JSON.parse(file);
  const cases = [
    ['truncated', file.slice(0, Math.floor(file.length / 2)), 'Dit bestand is niet compleet'],
    ['corrupted', file.replace('"contacts"', '"contacts" ! '), 'Dit is geen leesbaar JSON-bestand (fout in regel'],
    ['not an export', JSON.stringify({ hello: 'world' }), 'Dit is geen exportbestand van Wijkpeil'],
    ['wrong version', JSON.stringify({ ...parsed, format_version: 99 }), 'formaatversie 99'],
    ['hostile nesting', `{"format":"wijkpeil-export","format_version":3,"x":${deep}}`, 'Er is niets geïmporteerd'],
    ['empty', '', 'Dit bestand is leeg'],
  ];
  for (const [name, text, message] of cases) {
    await chooseExportFile(page, text, `${name}.json`);
    const alert = page.getByRole('alert');
    await expect(alert, name).toContainText(message);
    await expect(alert, name).toContainText('Er is niets geïmporteerd');
    expect(await counts(page), name).toEqual(before);
  }

  // Bad records inside a good file are listed with their place and left out.
  const withBad = {
    ...parsed,
    contacts: [...parsed.contacts, 'kapot', { ...parsed.contacts[0], kind: 'trajectory' }, { ...parsed.contacts[0], id: 'x', __proto__: null }],
  };
  await chooseExportFile(page, JSON.stringify(withBad), 'bad-records.json');
  await expect(page.getByTestId('import-preview')).toContainText('Ongeldig: wordt overgeslagen3');
  await expect(page.getByText('Contacten, record 3: geen record')).toBeVisible();
  await expect(page.getByText('Contacten, record 4: hoort niet in deze lijst')).toBeVisible();
  await expect(page.getByText('Contacten, record 5: id, revisie of tijden ontbreken of kloppen niet')).toBeVisible();
  await expect(page.getByText('Dit bestand bevat niets nieuws voor dit apparaat.')).toBeVisible();
  expect(await counts(page)).toEqual(before);
  await context.close();
});
