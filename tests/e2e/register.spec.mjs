// Registering contacts as a volunteer does: on a tablet, also offline.
import { test, expect } from './fixtures.mjs';
import {
  chooseLocation,
  expectNoAxeViolations,
  registerCommonContact,
  todayHeading,
  waitForServiceWorker,
  watchForeignRequests,
} from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 800 } });

test('a contact is registered in one tap plus save and survives a reload', async ({ page, context, baseURL }) => {
  const foreign = watchForeignRequests(context, baseURL);
  await chooseLocation(page);
  await expect(todayHeading(page, 0)).toBeVisible();

  await registerCommonContact(page);
  await expect(todayHeading(page, 1)).toBeVisible();
  const row = page.locator('.contact-row').first();
  await expect(row).toContainText('Inloop');
  await expect(row).toContainText('Financiën');
  await expect(row).toContainText('Direct afgehandeld');
  // The form is fresh again for the next resident.
  await expect(page.getByRole('checkbox', { name: 'Financiën' })).not.toBeChecked();

  await page.reload();
  // The location was remembered: straight to the form, with the contact.
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect(page.getByText('Wijkplein Noord')).toBeVisible();
  await expect(todayHeading(page, 1)).toBeVisible();
  expect(foreign).toEqual([]);
});

test('with the network off after one visit, the app opens and registers', async ({ page, context, baseURL }) => {
  const foreign = watchForeignRequests(context, baseURL);
  await chooseLocation(page);
  await registerCommonContact(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect(page.getByText('Offline: alles blijft op dit apparaat bewaard')).toBeVisible();

  await page.getByRole('radio', { name: 'Telefoon' }).check();
  await page.getByRole('checkbox', { name: 'Huisvesting' }).check();
  await page.getByRole('radio', { name: 'Doorverwezen' }).check();
  await page.getByRole('radio', { name: 'Wijkteam / buurtteam' }).check();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Opgeslagen om');

  await page.reload();
  await expect(todayHeading(page, 2)).toBeVisible();
  await expect(page.locator('.contact-row').first()).toContainText('Doorverwezen naar Wijkteam / buurtteam');
  await expect(page.getByTestId('pending')).toHaveText('2 wijzigingen nog niet gesynchroniseerd of geëxporteerd');
  await context.setOffline(false);
  expect(foreign).toEqual([]);
});

test('invalid values get a message next to the field and nothing is saved', async ({ page }) => {
  await chooseLocation(page);

  // No domain chosen.
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Niet opgeslagen');
  await expect(page.locator('#domains-error')).toHaveText('Kies minstens één leefgebied.');
  await expect(page.locator('#domain-group-0-0')).toBeFocused();

  // Referred, but not to whom; a phone number in the note; a bad duration.
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('radio', { name: 'Doorverwezen' }).check();
  await page.getByText('Meer details (niet verplicht)').click();
  await page.getByLabel('Korte notitie').fill('Bel haar terug op 06-12345678');
  await page.getByLabel('Duur in minuten').fill('abc');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();

  await expect(page.locator('#referral-target-error')).toHaveText('Kies naar wie u heeft doorverwezen.');
  await expect(page.locator('#note-error')).toContainText('haal het lange nummer (telefoon of BSN) weg');
  await expect(page.getByLabel('Korte notitie')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#duration-error')).toHaveText('Vul een heel getal in, zonder letters of komma.');
  await expect(todayHeading(page, 0)).toBeVisible();

  // Corrected, it saves.
  await page.getByRole('radio', { name: 'Gemeente' }).check();
  await page.getByLabel('Korte notitie').fill('Formulier bijzondere bijstand ingevuld');
  await page.getByLabel('Duur in minuten').fill('20');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(todayHeading(page, 1)).toBeVisible();
  await expect(page.locator('#note-error')).toBeHidden();
});

test('a saved contact can be undone, edited and deleted', async ({ page }) => {
  await chooseLocation(page);
  await registerCommonContact(page);
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(page.locator('.status')).toContainText('Ongedaan gemaakt');
  await expect(todayHeading(page, 0)).toBeVisible();
  // Undo puts the values back, to correct and save again.
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Financiën' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Financiën' }).uncheck();

  await registerCommonContact(page, 'Sociaal netwerk');
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over Sociaal netwerk wijzigen$/ }).click();
  await expect(page.getByRole('heading', { name: 'Contact wijzigen' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Sociaal netwerk' })).toBeChecked();
  await page.getByRole('radio', { name: 'Huisbezoek' }).check();
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expect(page.locator('.contact-row').first()).toContainText('Huisbezoek');
  await expect(todayHeading(page, 1)).toBeVisible();

  // One tap asks (the browser's own dialog); "Cancel" keeps it.
  const asked = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    dialog.dismiss();
  });
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over Sociaal netwerk verwijderen$/ }).click();
  await expect.poll(() => asked).toEqual([expect.stringMatching(/^Contact van \d\d:\d\d over Sociaal netwerk echt verwijderen\?$/)]);
  await expect(todayHeading(page, 1)).toBeVisible();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over Sociaal netwerk verwijderen$/ }).click();
  await expect(page.locator('.status')).toContainText('Verwijderd om');
  await expect(todayHeading(page, 0)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ongedaan maken' })).toBeFocused();
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(todayHeading(page, 1)).toBeVisible();

  // Everything, the delete and its undo included, waits to be synced; the
  // counts say what they count and agree with each other.
  await expect(page.getByTestId('pending')).toHaveText('2 wijzigingen nog niet gesynchroniseerd of geëxporteerd');
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await expect(page.getByTestId('records-stored')).toHaveText('1');
  await expect(page.getByTestId('records-deleted')).toHaveText('1');
  await expect(page.getByTestId('records-pending')).toHaveText('2');
});

for (const [name, viewport] of [
  ['tablet in landscape', { width: 1024, height: 768 }],
  ['tablet in portrait', { width: 768, height: 1024 }],
]) {
  test(`on a ${name} the save notice and Undo show where the volunteer looks, and focus stays put`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await page.getByRole('button', { name: 'Wijkplein Noord' }).click();
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeFocused();
    await page.getByRole('checkbox', { name: 'Financiën' }).check();
    await page.getByText('Meer details').click();
    await page.getByLabel('Korte notitie').fill('vraag over toeslag');
    const save = page.getByRole('button', { name: 'Opslaan', exact: true });
    await save.click();
    const notice = page.getByRole('status').filter({ hasText: 'Opgeslagen om' });
    await expect(notice).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Ongedaan maken' })).toBeInViewport();
    await expect(save).toBeFocused();
    await page.getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ongedaan gemaakt' })).toBeInViewport();
    await expect(save).toBeFocused();
    await expect(page.getByLabel('Korte notitie')).toHaveValue('vraag over toeslag');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  });
}

test('two contacts of the same minute have different screen-reader names', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-06-15T10:00:00'));
  await chooseLocation(page);
  await registerCommonContact(page, 'Financiën');
  await page.getByRole('checkbox', { name: 'Financiën' }).uncheck();
  await registerCommonContact(page, 'Huisvesting');
  const names = await page.locator('.today-list button').evaluateAll((buttons) =>
    buttons.map((b) => b.getAttribute('aria-label')),
  );
  expect(names).toHaveLength(4);
  expect(new Set(names).size).toBe(4);
});

test('a full disk is reported plainly and stored contacts stay', async ({ page }) => {
  await chooseLocation(page);
  await registerCommonContact(page);
  // Debian's Chromium ignores the DevTools quota override
  // (Storage.overrideQuotaForOrigin: no effect, checked), so IndexedDB is made
  // to throw the very DOMException a full disk throws.
  await page.evaluate(() => {
    const add = IDBObjectStore.prototype.add;
    window.__restoreAdd = () => (IDBObjectStore.prototype.add = add);
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });

  await page.getByRole('checkbox', { name: 'Huisvesting' }).check();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Het geheugen van dit apparaat is vol');
  await expect(page.getByRole('alert')).toContainText('eerder opgeslagen gegevens zijn veilig');
  await expect(todayHeading(page, 1)).toBeVisible();
  // The draft is kept, so nothing typed is lost.
  await expect(page.getByRole('checkbox', { name: 'Huisvesting' })).toBeChecked();

  await page.evaluate(() => window.__restoreAdd());
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(todayHeading(page, 2)).toBeVisible();
  await page.reload();
  await expect(todayHeading(page, 2)).toBeVisible();
});

test('the interface switches to English and back, keeping what was entered', async ({ page }) => {
  await chooseLocation(page);
  await page.getByRole('checkbox', { name: 'Huisvesting' }).check();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Housing' })).toBeChecked();
  // Staff screens offer only complete translations.
  await expect(page.getByRole('button', { name: 'العربية' })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Finances' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});

test('axe finds no violations on any screen', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Waar staat dit apparaat?' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Wijkplein Noord' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expectNoAxeViolations(page);

  // With the details open, errors shown, a referral and a saved contact.
  await page.getByText('Meer details (niet verplicht)').click();
  await page.getByRole('radio', { name: 'Doorverwezen' }).check();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('#domains-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('radio', { name: 'GGD' }).check();
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(todayHeading(page, 1)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Instellingen' }).click();
  await expect(page.getByTestId('records-stored')).toHaveText('1');
  await expectNoAxeViolations(page);
});

for (const [name, viewport] of [
  ['10-inch tablet, landscape', { width: 1280, height: 800 }],
  ['10-inch tablet, portrait', { width: 800, height: 1280 }],
  ['phone', { width: 390, height: 844 }],
]) {
  test(`the form fits a ${name} without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await chooseLocation(page);
    await page.getByText('Meer details (niet verplicht)').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every control is a large enough touch target (WCAG 2.5.8; we aim at 44+).
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, .tile, select, input[type=text], input[type=datetime-local], summary')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.textContent.trim().slice(0, 30) || el.id, el.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44)
        .map(([label, r]) => `${label} ${Math.round(r.width)}x${Math.round(r.height)}`),
    );
    expect(small).toEqual([]);
  });
}

test('an export downloads every record and clears the pending count', async ({ page }) => {
  await chooseLocation(page);
  await registerCommonContact(page);
  await registerCommonContact(page, 'Huisvesting');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over .* verwijderen$/ }).first().click();
  await expect(todayHeading(page, 1)).toBeVisible();
  await expect(page.getByTestId('pending')).toHaveText('2 wijzigingen nog niet gesynchroniseerd of geëxporteerd');

  await page.getByRole('link', { name: 'Instellingen' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Alles exporteren (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^wijkpeil-apparaat-[0-9a-f]{8}-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  expect(file.format).toBe('wijkpeil-export');
  expect(file.contacts).toHaveLength(2);
  expect(file.contacts.filter((c) => c.deleted)).toHaveLength(1);
  // A deleted contact travels as bookkeeping only, without its content.
  const [tombstone] = file.contacts.filter((c) => c.deleted);
  expect(Object.keys(tombstone).sort()).toEqual(
    ['created_at', 'deleted', 'device_id', 'id', 'kind', 'revision', 'schema_version', 'shipped_revision', 'updated_at'].sort(),
  );
  // Nothing identifying: only the fields of a registration.
  for (const contact of file.contacts.filter((c) => !c.deleted)) {
    expect(Object.keys(contact).sort()).toEqual(
      [
        'awareness', 'channel', 'created_at', 'deleted', 'device_id', 'domains', 'duration_minutes', 'id',
        'initials', 'kind', 'location', 'note', 'occurred_at', 'outcome', 'referrer', 'revision',
        'schema_version', 'shipped_revision', 'support_form', 'target_groups', 'updated_at',
      ].sort(),
    );
  }
  await expect(page.getByRole('status').filter({ hasText: 'records geëxporteerd' })).toContainText('2 records');
  // The export's count is what Settings counts: stored plus deleted.
  await expect(page.getByTestId('records-stored')).toHaveText('1');
  await expect(page.getByTestId('records-deleted')).toHaveText('1');
  await expect(page.getByTestId('records-pending')).toHaveText('0');
  await expect(page.getByTestId('pending')).toHaveText('Alles is gesynchroniseerd of geëxporteerd');
});
