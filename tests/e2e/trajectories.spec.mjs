// Individual trajectories in the coordinator app: enter one with a ZRM begin
// measurement, log a contact moment, close it with an end measurement, see
// its growth and the year's share, and that it survives a reload.
import { test, expect } from './fixtures.mjs';
import { expectNoAxeViolations, waitForServiceWorker } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 900 } });

async function openTrajectories(page) {
  await page.goto('/beheer/');
  await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Trajecten', level: 1 })).toBeVisible();
}

/** Enters a trajectory with a begin measurement; returns its code. */
async function enterTrajectory(page, scores) {
  await page.getByRole('link', { name: 'Nieuw traject' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw traject' })).toBeVisible();
  const code = page.getByLabel('Code', { exact: true });
  await expect(code).toHaveValue(/^TR-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
  const value = await code.inputValue();
  await page.getByLabel('Verwijzer').selectOption('huisarts');
  await page.getByLabel('Leeftijdsgroep').selectOption('27-64');
  await page.getByLabel('Huishouden').selectOption('single_parent');
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel('Doel 1', { exact: true }).fill('Overzicht in de post en een betalingsregeling');
  const intake = page.getByRole('group', { name: 'Beginmeting (ZRM)' });
  for (const [domain, score] of Object.entries(scores)) {
    await intake.getByLabel(domain, { exact: true }).selectOption(score);
  }
  await page.getByText('Positieve Gezondheid (niet verplicht)').click();
  await page.getByLabel('Zingeving').fill('6');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Traject ${value} opgeslagen.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Traject ${value}` })).toBeVisible();
  return value;
}

/** From a running trajectory's page to its closing screen. */
async function openClosing(page, code) {
  await page.getByRole('link', { name: 'Afsluiten met eindmeting' }).click();
  await expect(page).toHaveURL(/#\/trajecten\/[0-9a-f-]{36}\/afsluiten$/);
  await expect(page.getByRole('heading', { level: 1, name: `Traject ${code} afsluiten` })).toBeVisible();
}

test('a trajectory is entered, logged, closed with growth, and kept', async ({ page }) => {
  await openTrajectories(page);
  await expect(page.getByTestId('growth-share')).toContainText('Nog geen afgesloten trajecten');
  const code = await enterTrajectory(page, {
    'Financiën': 'not_self_reliant',
    'Huisvesting': 'limited_self_reliant',
    'Justitie': 'sufficiently_self_reliant',
  });

  // A contact moment.
  await page.getByLabel('Kanaal').selectOption('huisbezoek');
  await page.getByLabel('Korte notitie (niet verplicht, geen namen)').fill('Post doorgenomen');
  await page.getByRole('button', { name: 'Contactmoment toevoegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contactmoment opgeslagen.' })).toBeVisible();
  await expect(page.locator('.moments li')).toHaveCount(1);
  await expect(page.locator('.moments li')).toContainText('Huisbezoek');

  // Close with an end measurement: financiën 2 → 4, huisvesting 3 → 3,
  // justitie not scored at the end (left out of both means).
  await openClosing(page, code);
  const closing = page.locator('section.closing');
  await closing.getByLabel('Reden van afsluiten').selectOption('goals_reached');
  await closing.getByLabel('Financiën', { exact: true }).selectOption('sufficiently_self_reliant');
  await closing.getByLabel('Huisvesting', { exact: true }).selectOption('limited_self_reliant');
  await closing.getByLabel('Inwoner uitgenodigd voor het KTO (tevredenheidsonderzoek)').check();
  await expectNoAxeViolations(page);
  await closing.getByRole('button', { name: 'Traject afsluiten' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Traject ${code} afgesloten.` })).toBeVisible();
  await expect(page.getByTestId('trajectory-growth')).toHaveText(
    'Afgesloten met groei: gemiddeld 2,5 bij begin, 3,5 bij eind.',
  );
  // The chart's figures, as a table a screen reader can read.
  const table = page.getByRole('table', { name: 'De cijfers van de grafiek' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /Financiën/ })).toContainText('24+2');
  await expect(table.getByRole('row', { name: /Huisvesting/ })).toContainText('330');
  await expect(page.locator('section.closing')).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The year's figures on the list, also after a reload (durable).
  await page.reload();
  await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
  await expect(page.getByTestId('growth-share')).toHaveText(
    '100,0% afgesloten met groei (1 van 1 traject met een begin- en eindmeting)',
  );
  await expect(page.getByText('0 lopend · 1 afgesloten in')).toContainText('1 uitgenodigd voor het KTO');
  await expect(page.locator('.trajectory-item')).toHaveCount(1);
  await expect(page.locator('.trajectory-item')).toContainText(code);
  await expectNoAxeViolations(page);

  // The export carries the trajectory, and then nothing is pending.
  await expect(page.getByTestId('pending')).toHaveText('1 wijziging nog niet gesynchroniseerd of geëxporteerd');
  await page.getByRole('link', { name: 'Instellingen' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Alles exporteren (JSON)' }).click(),
  ]);
  const file = JSON.parse(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8'));
  expect(file.format_version).toBe(3);
  expect(file.trajectories).toHaveLength(1);
  expect(file.trajectories[0].code).toBe(code);
  expect(file.trajectories[0].closing.end.scores).toEqual({
    financien: 'sufficiently_self_reliant',
    huisvesting: 'limited_self_reliant',
  });
  await expect(page.getByTestId('pending')).toHaveText('Alles is gesynchroniseerd of geëxporteerd');

  // The KTO invitation at closing counts for the KTO's response rate.
  await page.getByRole('link', { name: 'Enquêtes' }).click();
  const kto = page.locator('.survey-card').filter({ hasText: 'Hoe tevreden bent u over onze hulp?' });
  await expect(kto).toContainText('Plus 1 bij het afsluiten van een traject (telt vanzelf mee).');
  await expect(kto.getByTestId('response-rate')).toHaveText('0 ingevuld = 0,0% respons');
});

test('a refused intake says what to fix and stores nothing', async ({ page }) => {
  await openTrajectories(page);
  await page.getByRole('link', { name: 'Nieuw traject' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toHaveValue(/^TR-/);
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel('Doel 1', { exact: true }).fill('Bellen met jan@example.nl');
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Nog niet opgeslagen' });
  await expect(alert).toBeFocused();
  await expect(alert).toContainText('Kies een leeftijdsgroep.');
  await expect(alert).toContainText('Kies minstens één hoofddomein.');
  await expect(alert).toContainText('Doel 1 lijkt persoonsgegevens te bevatten');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await expect(page.getByText('Nog geen trajecten op dit apparaat.')).toBeVisible();
});

test('a deleted trajectory comes back with Undo, in English too', async ({ page }) => {
  await openTrajectories(page);
  const code = await enterTrajectory(page, { 'Financiën': 'acute_problems' });
  await page.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Verwijderd.' })).toBeFocused();
  await expect(page.getByText('Nog geen trajecten op dit apparaat.')).toBeVisible();
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(page.getByRole('heading', { name: `Traject ${code}` })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: `Trajectory ${code}` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Close with an end measurement' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the list' }).click();
  await expect(page.getByRole('link', { name: `Open trajectory ${code}` })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('with the network off after one visit, a trajectory is entered and kept', async ({ page, context }) => {
  await openTrajectories(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
  await expect(page.getByText('Offline: alles blijft op dit apparaat bewaard')).toBeVisible();
  const code = await enterTrajectory(page, { 'Financiën': 'not_self_reliant' });
  await page.reload();
  await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
  await expect(page.locator('.trajectory-item')).toContainText(code);
  await expect(page.getByTestId('pending')).toHaveText('1 wijziging nog niet gesynchroniseerd of geëxporteerd');
  await context.setOffline(false);
});

test('a closed trajectory is reopened to correct its end measurement', async ({ page }) => {
  await openTrajectories(page);
  const code = await enterTrajectory(page, { 'Financiën': 'not_self_reliant' });
  await openClosing(page, code);
  const closing = page.locator('section.closing');
  await closing.getByLabel('Financiën', { exact: true }).selectOption('not_self_reliant');
  await closing.getByRole('button', { name: 'Traject afsluiten' }).click();
  await expect(page.getByTestId('trajectory-growth')).toHaveText(
    'Afgesloten zonder groei: gemiddeld 2,0 bij begin, 2,0 bij eind.',
  );

  await page.getByRole('button', { name: 'Afsluiting terugdraaien' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Traject ${code} loopt weer` })).toBeFocused();
  await expect(page.getByTestId('trajectory-growth')).toHaveCount(0);
  await openClosing(page, code);
  await closing.getByLabel('Financiën', { exact: true }).selectOption('limited_self_reliant');
  await closing.getByRole('button', { name: 'Traject afsluiten' }).click();
  await expect(page.getByTestId('trajectory-growth')).toHaveText(
    'Afgesloten met groei: gemiddeld 2,0 bij begin, 3,0 bij eind.',
  );
  await expectNoAxeViolations(page);
});

test('a running trajectory shows its intake, and its closing compares with the begin', async ({ page }) => {
  await openTrajectories(page);
  const code = await enterTrajectory(page, {
    'Financiën': 'not_self_reliant',
    'Huisvesting': 'limited_self_reliant',
  });
  // The intake as entered: referrer, household, begin scores, Positieve Gezondheid.
  await expect(page.getByTestId('trajectory-referrer')).toHaveText('Huisarts of praktijkondersteuner');
  await expect(page.getByTestId('trajectory-household')).toHaveText('Eenoudergezin');
  const begin = page.getByTestId('begin-scores');
  await expect(begin.getByRole('listitem')).toHaveText([
    'Financiën: 2 – niet zelfredzaam',
    'Huisvesting: 3 – beperkt zelfredzaam',
  ]);
  await expect(page.locator('.intake-summary')).toContainText('Zingeving: 6');
  await expectNoAxeViolations(page);

  // The closing form shows each domain's begin score beside its end select.
  await openClosing(page, code);
  const closing = page.locator('section.closing');
  await expect(closing.getByLabel('Financiën', { exact: true })).toHaveAccessibleDescription(
    'Bij begin: 2 – niet zelfredzaam',
  );
  await expect(closing.getByLabel('Huisvesting', { exact: true })).toHaveAccessibleDescription(
    'Bij begin: 3 – beperkt zelfredzaam',
  );
  await expect(closing.getByLabel('Justitie', { exact: true })).toHaveAccessibleDescription('Bij begin: Niet gescoord');
  await expectNoAxeViolations(page);

  // The closing screen has its own address: a reload stays on it.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Traject ${code} afsluiten` })).toBeVisible();
  await expect(page.locator('section.closing').getByLabel('Financiën', { exact: true })).toHaveAccessibleDescription(
    'Bij begin: 2 – niet zelfredzaam',
  );
});
