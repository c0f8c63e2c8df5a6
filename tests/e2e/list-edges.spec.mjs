// Rough edges of the organisation's lists and of stale changes (issue 9):
// an old trajectory whose referrer was retired still shows it when its
// intake is changed, while a new one is not offered it; a domain added in
// Beheer → Lijsten becomes a ZRM row only where a trajectory names it as a
// main domain; a change refused because another tab saved first names the
// trajectory, not a contact.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, expectNoAxeViolations, todayHeading } from './helpers.mjs';
import { enterTrajectory } from './sync-steps.mjs';

test.use({ viewport: { width: 1280, height: 900 } });

/** On the lists screen: picks `list`, then runs `change` on it. */
async function onList(page, list) {
  await page.goto('/beheer/#/lijsten');
  await expect(page.getByRole('heading', { name: 'Lijsten', level: 1 })).toBeVisible();
  await page.getByLabel('Lijst', { exact: true }).selectOption(list);
}

async function addItem(page, name) {
  await page.getByLabel('Naam van het nieuwe item').fill(name);
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByLabel('Naam van het nieuwe item')).toHaveValue('');
  await expect(page.getByTestId('lists-status')).toHaveText('Opgeslagen.');
}

/** The id of the record whose page is open (`#/trajecten/<id>`). */
function recordId(page) {
  return new URL(page.url()).hash.split('/')[2];
}

test('a retired referrer stays shown on its old trajectory; an added domain is a ZRM row only as a main domain', async ({ page }) => {
  await page.goto('/beheer/');
  const code = await enterTrajectory(page); // referrer: huisarts
  const id = recordId(page);

  await onList(page, 'referrers');
  await page.getByRole('button', { name: 'Niet meer gebruiken: Huisarts of praktijkondersteuner' }).click();
  await expect(page.getByTestId('lists-status')).toHaveText('Opgeslagen.');
  await onList(page, 'domains');
  await addItem(page, 'Sociaal-emotionele ondersteuning (Ouderschap)');
  await addItem(page, 'Taalcafé');

  // The old trajectory's intake: its referrer is still there, said to be
  // retired, and it is saved unchanged.
  await page.goto(`/beheer/#/trajecten/${id}/wijzigen`);
  await expect(page.getByRole('heading', { name: `Intake van traject ${code} wijzigen` })).toBeVisible();
  const referrer = page.getByLabel('Verwijzer');
  await expect(referrer).toHaveValue('huisarts');
  await expect(referrer.locator('option:checked')).toHaveText('Huisarts of praktijkondersteuner (niet meer in gebruik)');
  const intake = page.getByRole('group', { name: 'Beginmeting (ZRM)' });
  await expect(intake.getByLabel('Financiën', { exact: true })).toHaveValue('not_self_reliant');
  await expect(intake.locator('select')).toHaveCount(13);
  await expect(intake.getByLabel('Taalcafé', { exact: true })).toHaveCount(0);
  await expect(intake.getByLabel('Sociaal-emotionele ondersteuning (Ouderschap)', { exact: true })).toHaveCount(0);
  // Parenting as a main domain: its row comes, after the ZRM's own.
  await page.getByRole('checkbox', { name: 'Sociaal-emotionele ondersteuning (Ouderschap)' }).check();
  const parenting = intake.getByLabel('Sociaal-emotionele ondersteuning (Ouderschap)', { exact: true });
  await expect(parenting).toBeVisible();
  await expect(intake.locator('select')).toHaveCount(14);
  await parenting.selectOption('limited_self_reliant');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(page.getByRole('heading', { name: `Traject ${code}` })).toBeVisible();
  await expect(page.getByTestId('trajectory-referrer')).toHaveText('Huisarts of praktijkondersteuner');

  // The closing offers the same rows: parenting is this trajectory's.
  await page.goto(`/beheer/#/trajecten/${id}/afsluiten`);
  const end = page.getByRole('group', { name: 'Eindmeting (ZRM)' });
  await expect(end.getByLabel('Sociaal-emotionele ondersteuning (Ouderschap)', { exact: true })).toBeVisible();
  await expect(end.getByLabel('Taalcafé', { exact: true })).toHaveCount(0);

  // A new trajectory: the retired referrer is not offered, nor are the
  // added domains rows until chosen as a main domain.
  await page.goto('/beheer/#/trajecten/nieuw');
  await expect(page.getByRole('heading', { name: 'Nieuw traject' })).toBeVisible();
  await expect(page.getByLabel('Verwijzer').locator('option[value="huisarts"]')).toHaveCount(0);
  await expect(page.getByLabel('Verwijzer').locator('option[value="wijkteam"]')).toHaveCount(1);
  const fresh = page.getByRole('group', { name: 'Beginmeting (ZRM)' });
  await expect(fresh.locator('select')).toHaveCount(13);
  await expect(fresh.getByLabel('Taalcafé', { exact: true })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Taalcafé' }).check();
  await expect(fresh.getByLabel('Taalcafé', { exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Taalcafé' }).uncheck();
  await expect(fresh.getByLabel('Taalcafé', { exact: true })).toHaveCount(0);
});

test('a change refused because another tab saved first names the trajectory', async ({ page, context }) => {
  await page.goto('/beheer/');
  const code = await enterTrajectory(page);
  const id = recordId(page);
  const edit = `/beheer/#/trajecten/${id}/wijzigen`;
  const heading = `Intake van traject ${code} wijzigen`;
  const other = await context.newPage();
  for (const tab of [page, other]) {
    await tab.goto(edit);
    await expect(tab.getByRole('heading', { name: heading })).toBeVisible();
  }
  // The other tab saves first.
  await other.getByLabel('Huishouden').selectOption('single');
  await other.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(other.getByRole('heading', { name: `Traject ${code}` })).toBeVisible();
  // This tab's change was made on the version before: refused, and said
  // of the trajectory.
  await page.getByLabel('Huishouden').selectOption('couple');
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('Dit traject is intussen ergens anders gewijzigd. Niets is overschreven; open het opnieuw.');
  await expect(problems).not.toContainText('contact');
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a contact whose referrer and referral target were retired since still shows them when changed', async ({ page }) => {
  await chooseLocation(page);
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('radio', { name: 'Doorverwezen', exact: true }).check();
  await page.getByRole('radio', { name: 'GGD', exact: true }).check();
  await page.getByText('Meer details (niet verplicht)').click();
  await page.getByLabel('Wie stuurde de inwoner?').selectOption('huisarts');
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Opgeslagen om');

  await onList(page, 'referrers');
  await page.getByRole('button', { name: 'Niet meer gebruiken: Huisarts of praktijkondersteuner' }).click();
  await expect(page.getByTestId('lists-status')).toHaveText('Opgeslagen.');
  await page.getByLabel('Lijst', { exact: true }).selectOption('referral_targets');
  await page.getByRole('button', { name: 'Niet meer gebruiken: GGD' }).click();
  await expect(page.getByTestId('lists-status')).toHaveText('Opgeslagen.');

  await page.goto('/');
  await expect(todayHeading(page, 1)).toBeVisible();
  // A new contact is not offered them.
  await page.getByRole('radio', { name: 'Doorverwezen', exact: true }).check();
  await expect(page.getByRole('radio', { name: 'Wijkteam / buurtteam' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /GGD/ })).toHaveCount(0);
  await expect(page.getByLabel('Wie stuurde de inwoner?').locator('option[value="huisarts"]')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Direct afgehandeld' }).check();

  // The old contact, changed: both still there, said to be retired.
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over Financiën wijzigen$/ }).click();
  await expect(page.getByRole('heading', { name: 'Contact wijzigen' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'GGD (niet meer in gebruik)' })).toBeChecked();
  await page.getByText('Meer details (niet verplicht)').click();
  const referrer = page.getByLabel('Wie stuurde de inwoner?');
  await expect(referrer).toHaveValue('huisarts');
  await expect(referrer.locator('option:checked')).toHaveText('Huisarts of praktijkondersteuner (niet meer in gebruik)');
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Huisbezoek' }).check();
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expect(page.locator('.contact-row').first()).toContainText('Huisbezoek');
  await expect(page.locator('.contact-row').first()).toContainText('GGD');
  // Back to a new contact: they are no longer offered.
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect(page.getByLabel('Wie stuurde de inwoner?').locator('option[value="huisarts"]')).toHaveCount(0);
});
