// The coordinator's forms put each error beside its field, as the
// volunteer's form does, as well as in the summary that takes the focus:
// the field is marked invalid and names its error (aria-describedby), so a
// screen reader hears it on the field and a magnifier user sees it there.
import { test, expect } from './fixtures.mjs';
import { expectNoAxeViolations } from './helpers.mjs';

/** The field's own error, and that it points to it. */
async function expectErrorBeside(page, field) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const id = await field.getAttribute('id');
  const error = page.locator(`#${id}-error`);
  await expect(error).toBeVisible();
  await expect(error).not.toBeEmpty();
  expect(await field.getAttribute('aria-describedby')).toContain(`${id}-error`);
  return (await error.textContent()).replace(/^⚠\s*/, '').trim();
}

test('a new activity: each problem beside its field and in the summary', async ({ page }) => {
  await page.goto('/beheer/#/activiteiten');
  await page.getByRole('link', { name: 'Nieuwe activiteit' }).click();
  await page.getByLabel('Titel', { exact: true }).fill('');
  await page.getByLabel('Aantal bijeenkomsten').fill('veel');
  await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
  const summary = page.locator('.notice.error');
  await expect(summary).toBeVisible();
  for (const field of [page.getByLabel('Titel', { exact: true }), page.getByLabel('Aantal bijeenkomsten')]) {
    const text = await expectErrorBeside(page, field);
    await expect(summary).toContainText(text);
  }
  // A field without a problem is not marked.
  await expect(page.getByLabel('Soort activiteit')).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  // Put right, the error beside it goes with the next try.
  await page.getByLabel('Titel', { exact: true }).fill('Taalcafé');
  await page.getByLabel('Plaats', { exact: true }).fill('Buurthuis De Kroon');
  await page.getByLabel('Aantal bijeenkomsten').fill('1');
  await page.getByLabel('Thema (leefdomein)').selectOption({ label: 'Financiën' });
  await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
  await expect(page.getByRole('heading', { name: 'Taalcafé' })).toBeVisible();
});

test('a new initiative: a count that is not a number, beside its field', async ({ page }) => {
  await page.goto('/beheer/#/initiatieven');
  await page.getByRole('link', { name: 'Nieuw initiatief' }).click();
  await page.getByLabel('Naam van het initiatief').fill('Moestuin');
  await page.getByLabel('Aantal deelnemers bereikt').fill('twaalf');
  await page.getByRole('button', { name: 'Initiatief opslaan' }).click();
  const text = await expectErrorBeside(page, page.getByLabel('Aantal deelnemers bereikt'));
  await expect(page.locator('.notice.error')).toContainText(text);
  await expectNoAxeViolations(page);
});

test('a trajectory intake: a score that is not a number, beside its field', async ({ page }) => {
  await page.goto('/beheer/#/trajecten');
  await page.getByRole('link', { name: 'Nieuw traject' }).click();
  await page.getByText('Positieve Gezondheid (niet verplicht)').click();
  await page.getByLabel('Zingeving').fill('tien');
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  const health = await expectErrorBeside(page, page.getByLabel('Zingeving'));
  await expect(page.locator('.notice.error')).toContainText(health);
  await expectNoAxeViolations(page);
  // Folded away again before the next try, the section unfolds by itself
  // so the field with the error is seen.
  await page.getByText('Positieve Gezondheid (niet verplicht)').click();
  await expect(page.getByLabel('Zingeving')).toBeHidden();
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(page.getByLabel('Zingeving')).toBeVisible();
});

// The domain's own checks, which run when a record is saved, place their
// problems beside the field too, not only what could not be read.

test('an initiative: a refused name, support moment and count, each beside its field', async ({ page }) => {
  await page.goto('/beheer/#/initiatieven/nieuw');
  await page.getByLabel('Naam van het initiatief').fill('Moestuin, info@moestuin.nl');
  await page.getByRole('button', { name: 'Initiatief opslaan' }).click();
  const summary = page.locator('.notice.error:visible');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(await expectErrorBeside(page, page.getByLabel('Naam van het initiatief')));
  await expect(page.getByLabel('Startdatum')).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await page.getByLabel('Naam van het initiatief').fill('Moestuin');
  await page.getByRole('button', { name: 'Initiatief opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moestuin' })).toBeVisible();

  // On its page: a support moment whose note holds a phone number.
  const note = page.getByLabel('Wat er gedaan is (kort, zonder namen)');
  await note.fill('Gebeld met 06 1234 5678');
  await page.getByRole('button', { name: 'Ondersteuningsmoment toevoegen' }).click();
  await expect(summary).toContainText(await expectErrorBeside(page, note));
  await expectNoAxeViolations(page);
  // A count that is not a number: its own field, and the note's mark goes.
  const count = page.locator('#ini-detail-participants');
  await count.fill('veel');
  await page.getByRole('button', { name: 'Aantal bijwerken' }).click();
  await expect(summary).toContainText(await expectErrorBeside(page, count));
  await expect(note).not.toHaveAttribute('aria-invalid', 'true');
});

test('a trajectory: a start in the future and a goal with an e-mail address, then a contact moment, beside their fields', async ({ page }) => {
  await page.goto('/beheer/#/trajecten/nieuw');
  await expect(page.getByLabel('Code', { exact: true })).toHaveValue(/^TR-/);
  const start = page.getByLabel('Startdatum');
  await start.fill('2099-01-01');
  await page.getByLabel('Leeftijdsgroep').selectOption('27-64');
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  const goal = page.getByLabel('Doel 1', { exact: true });
  await goal.fill('Mailen met jan@example.nl');
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  const summary = page.locator('.notice.error:visible');
  await expect(summary).toBeFocused();
  for (const field of [start, goal]) {
    await expect(summary).toContainText(await expectErrorBeside(page, field));
  }
  await expect(page.getByLabel('Leeftijdsgroep')).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await start.fill(new Date().toISOString().slice(0, 10));
  await goal.fill('Overzicht in de post');
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Traject TR-/ })).toBeVisible();
  const note = page.getByLabel('Korte notitie (niet verplicht, geen namen)');
  await note.fill('Teruggebeld op 0612345678');
  await page.getByRole('button', { name: 'Contactmoment toevoegen' }).click();
  await expect(summary).toContainText(await expectErrorBeside(page, note));
  await expectNoAxeViolations(page);
});

test('a meeting: more first-timers than participants, beside the count', async ({ page }) => {
  await page.goto('/beheer/#/activiteiten/nieuw');
  await page.getByLabel('Titel', { exact: true }).fill('Taalcafé');
  await page.getByLabel('Thema (leefdomein)').selectOption({ label: 'Financiën' });
  await page.getByLabel('Plaats', { exact: true }).fill('Buurthuis De Kroon');
  await page.getByLabel('Aantal bijeenkomsten').fill('1');
  await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Taalcafé' })).toBeVisible();
  await page.getByRole('button', { name: 'Bijeenkomst 1 invullen' }).click();
  await page.getByLabel('Deelnemers', { exact: true }).fill('3');
  const first = page.getByLabel('Waarvan voor het eerst');
  await first.fill('5');
  await page.getByRole('button', { name: 'Bijeenkomst 1 opslaan als gehouden' }).click();
  const summary = page.locator('.notice.error:visible');
  await expect(summary).toContainText(await expectErrorBeside(page, first));
  await expect(page.getByLabel('Deelnemers', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  // A count that is not a number, on the same form.
  const volunteers = page.getByLabel('Vrijwilligers');
  await volunteers.fill('twee');
  await page.getByRole('button', { name: 'Bijeenkomst 1 opslaan als gehouden' }).click();
  await expect(summary).toContainText(await expectErrorBeside(page, volunteers));
});
