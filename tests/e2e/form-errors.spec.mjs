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
});
