// The coordinator's group activities and initiatives (/beheer/), in Dutch:
// a course entered once and filled in meeting by meeting, the year's counts,
// refused saves, corrections that keep meetings and support logs, and an
// initiative's support log with delete and Undo.
import { test, expect } from './fixtures.mjs';
import { expectNoAxeViolations, storedRecords } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 900 } });

const TITLE = 'Cursus Omgaan met geld';
const INITIATIVE = 'Buurtmoestuin Oost';

function ymd(day) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

function nlDate(day) {
  return `${day.getDate()}-${day.getMonth() + 1}-${day.getFullYear()}`;
}

function daysFrom(day, n) {
  const other = new Date(day);
  other.setDate(other.getDate() + n);
  return other;
}

/**
 * The day these tests take place: the browser's clock is fixed to it (Date
 * only; timers run), so the course's first two meetings, a week apart, fall
 * in the same year on any day the tests run.
 */
const TODAY = new Date(2026, 5, 15, 12, 0, 0);

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
});

/** A weekly series whose first two meetings have taken place, the second today. */
function coursePlan() {
  return { first: daysFrom(TODAY, -7), every: 7, third: daysFrom(TODAY, 7) };
}

/** The records of one IndexedDB store, tombstones included. */
const stored = storedRecords;

/** The coordinator app opens at its surveys; it asks for no location first. */
async function openScreen(page, name) {
  await page.goto('/beheer/');
  await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

const savedNotice = (page) => page.locator('.notice.saved');
const totals = (page) => page.getByTestId('activity-totals');

function totalsText(meetings, participants, first, volunteers) {
  const counted = (n, one, other) => `${n} ${n === 1 ? one : other}`;
  return `${counted(meetings, 'bijeenkomst', 'bijeenkomsten')}, ${counted(participants, 'deelnemer', 'deelnemers')} (een inwoner kan meermaals geteld zijn), ${first} voor het eerst, ${volunteers} keer vrijwilligers-inzet`;
}

async function fillInMeeting(page, n, participants, firstTime, volunteers) {
  await page.getByRole('button', { name: `Bijeenkomst ${n} invullen` }).click();
  await expect(page.getByRole('group', { name: new RegExp(`^Bijeenkomst ${n} op `) })).toBeVisible();
  await expect(page.getByLabel('Deelnemers', { exact: true })).toBeFocused();
  await page.getByLabel('Deelnemers', { exact: true }).fill(participants);
  await page.getByLabel('Waarvan voor het eerst').fill(firstTime);
  await page.getByLabel('Vrijwilligers').fill(volunteers);
  await page.getByRole('button', { name: `Bijeenkomst ${n} opslaan als gehouden` }).click();
  await expect(savedNotice(page)).toContainText(`Bijeenkomst ${n} van ${TITLE} opgeslagen.`);
  await expect(savedNotice(page)).toBeFocused();
}

test.describe('group activities', () => {
  test('a course of eight meetings is filled in one by one, counted, and still there after a reload', async ({ page }) => {
    const plan = coursePlan();

    await openScreen(page, 'Groepsactiviteiten');
    await expect(page.getByText('Nog geen activiteiten op dit apparaat.')).toBeVisible();
    await expect(totals(page)).toHaveText(totalsText(0, 0, 0, 0));
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Nieuwe activiteit' }).click();
    await expect(page.getByRole('heading', { name: 'Nieuwe activiteit' })).toBeVisible();
    // The group-activity questionnaire is the default link; none is possible.
    const questionnaire = page.getByLabel('Vragenlijst voor de deelnemers');
    await expect(questionnaire).toHaveValue('groepsactiviteit');
    await expect(questionnaire.locator('option')).toHaveText([
      'Geen vragenlijst',
      'Hoe tevreden bent u over onze hulp?',
      'Wat vindt u van het wijkteam?',
      'Wat vond u van de activiteit?',
      'Hoe was uw bezoek?',
    ]);
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Soort activiteit').selectOption({ label: 'Cursus' });
    await page.getByLabel('Thema (leefdomein)').selectOption({ label: 'Financiën' });
    await page.getByLabel('Plaats', { exact: true }).fill('Buurthuis De Kroon');
    await page.getByLabel('Datum van de (eerste) bijeenkomst').fill(ymd(plan.first));
    await page.getByLabel('Aantal bijeenkomsten').fill('8');
    await page.getByLabel('Om de hoeveel dagen').fill(String(plan.every));
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();

    await expect(savedNotice(page)).toContainText(`Activiteit ${TITLE} opgeslagen.`);
    await expect(savedNotice(page)).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByText('Cursus · Financiën · Buurthuis De Kroon')).toBeVisible();
    await expect(page.getByText('Vragenlijst: Wat vond u van de activiteit?')).toBeVisible();
    // The questionnaire is handed out from here: a link and its QR code.
    await expect(page.locator('.handout').getByRole('link')).toHaveText(/\/enquete\/#s=groepsactiviteit(&loc=[a-z-]+)?&act=[0-9a-f-]{36}$/);
    await expect(page.getByRole('img', { name: 'QR-code voor de vragenlijst Wat vond u van de activiteit?' })).toBeVisible();
    const meetings = page.locator('.meeting-item');
    await expect(meetings).toHaveCount(8);
    await expect(page.getByTestId('meeting-1')).toContainText(`Bijeenkomst 1 van 8 · ${nlDate(plan.first)}`);
    await expect(meetings.filter({ hasText: 'Nog niet ingevuld' })).toHaveCount(8);

    // Meeting 1: the form open is checked for accessibility too.
    await page.getByRole('button', { name: 'Bijeenkomst 1 invullen' }).click();
    await expect(page.getByLabel('Deelnemers', { exact: true })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await fillInMeeting(page, 1, '12', '5', '2');
    await expect(page.getByTestId('meeting-1')).toContainText('12 deelnemers, waarvan 5 voor het eerst · 2 vrijwilligers');

    // Meeting 2, undone once and entered again.
    await fillInMeeting(page, 2, '10', '', '1');
    await expect(page.getByTestId('meeting-2')).toContainText('10 deelnemers, waarvan 0 voor het eerst · 1 vrijwilliger');
    await savedNotice(page).getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect(savedNotice(page)).toContainText('Ongedaan gemaakt.');
    await expect(page.getByTestId('meeting-2')).toContainText('Nog niet ingevuld');
    await fillInMeeting(page, 2, '10', '', '1');
    await expect(meetings.filter({ hasText: 'Nog niet ingevuld' })).toHaveCount(6);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
    await expect(totals(page)).toHaveText(totalsText(2, 22, 5, 3));
    await expect(page.getByTestId('activity-count')).toHaveText(
      'Activiteiten met een gehouden bijeenkomst: 1, waarvan gekoppeld aan een vragenlijst: 1',
    );
    const item = page.locator('.record-item').filter({ hasText: TITLE });
    await expect(item).toContainText('Cursus');
    await expect(item).toContainText(`Volgende bijeenkomst ${nlDate(plan.third)}`);
    await expect(item).toContainText('2 van 8 gehouden');

    // Durable: a reload reads it all back from IndexedDB.
    await page.reload();
    await page.getByRole('link', { name: 'Groepsactiviteiten', exact: true }).click();
    await expect(totals(page)).toHaveText(totalsText(2, 22, 5, 3));
    await page.getByRole('link', { name: `Activiteit ${TITLE} openen` }).click();
    await expect(page.getByTestId('meeting-1')).toContainText('12 deelnemers, waarvan 5 voor het eerst');
    await expect(page.getByTestId('meeting-2')).toContainText('10 deelnemers, waarvan 0 voor het eerst');
    await expect(page.getByTestId('meeting-3')).toContainText('Nog niet ingevuld');
    expect(await stored(page, 'activities')).toHaveLength(1);

    // A participant fills in the questionnaire from the handout link; it is
    // counted for this activity (anonymously: the response names the
    // activity, not the person).
    await expect(page.getByTestId('questionnaires-filled')).toHaveText(
      'Ingevulde vragenlijsten van deze activiteit op dit apparaat: 0',
    );
    const link = await page.locator('.handout').getByRole('link').textContent();
    const phone = await page.context().newPage();
    await phone.goto(link);
    await phone.getByRole('button', { name: 'Beginnen' }).click();
    const send = phone.getByRole('button', { name: 'Versturen' });
    for (let screen = 0; screen < 15 && !(await send.isVisible()); screen++) {
      const mark = phone.getByRole('radio', { name: '8', exact: true });
      if (await mark.isVisible()) await mark.check();
      await phone.getByRole('button', { name: 'Volgende' }).click();
    }
    await send.click();
    await expect(phone.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    const [response] = await stored(phone, 'survey_responses');
    expect(response.survey_id).toBe('groepsactiviteit');
    expect(response.activity).toMatch(/^[0-9a-f-]{36}$/);
    await phone.close();
    await page.reload();
    await page.getByRole('link', { name: 'Groepsactiviteiten', exact: true }).click();
    await page.getByRole('link', { name: `Activiteit ${TITLE} openen` }).click();
    await expect(page.getByTestId('questionnaires-filled')).toHaveText(
      'Ingevulde vragenlijsten van deze activiteit op dit apparaat: 1',
    );
  });

  test('a course\'s title is corrected after two meetings: the meetings stay, Undo brings the old title back', async ({ page }) => {
    const plan = coursePlan();
    const NEW_TITLE = 'Cursus Geldzaken';

    await openScreen(page, 'Groepsactiviteiten');
    await page.getByRole('link', { name: 'Nieuwe activiteit' }).click();
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Soort activiteit').selectOption({ label: 'Cursus' });
    await page.getByLabel('Thema (leefdomein)').selectOption({ label: 'Financiën' });
    await page.getByLabel('Plaats', { exact: true }).fill('Buurthuis De Kroon');
    await page.getByLabel('Datum van de (eerste) bijeenkomst').fill(ymd(plan.first));
    await page.getByLabel('Aantal bijeenkomsten').fill('8');
    await page.getByLabel('Om de hoeveel dagen').fill(String(plan.every));
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
    await expect(savedNotice(page)).toContainText(`Activiteit ${TITLE} opgeslagen.`);
    await fillInMeeting(page, 1, '12', '5', '2');
    await fillInMeeting(page, 2, '10', '', '1');

    // The same form, filled in, without the series: the meetings stay.
    await page.getByRole('link', { name: `Activiteit ${TITLE} wijzigen` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${TITLE} wijzigen`, exact: true })).toBeVisible();
    await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(TITLE);
    await expect(page.getByLabel('Soort activiteit')).toHaveValue('course');
    await expect(page.getByLabel('Thema (leefdomein)')).toHaveValue('financien');
    await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('Buurthuis De Kroon');
    await expect(page.getByLabel('Vragenlijst voor de deelnemers')).toHaveValue('groepsactiviteit');
    await expect(page.getByLabel('Datum van de (eerste) bijeenkomst')).toHaveCount(0);
    await expect(page.getByLabel('Aantal bijeenkomsten')).toHaveCount(0);
    await expect(page.getByLabel('Om de hoeveel dagen')).toHaveCount(0);
    await expect(page.getByText('De bijeenkomsten blijven zoals ze zijn.')).toBeVisible();
    await expectNoAxeViolations(page);

    // A refused correction says what to fix and stores nothing.
    await page.getByLabel('Titel', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
    const problems = page.getByRole('alert');
    await expect(problems).toBeFocused();
    await expect(problems.getByRole('listitem')).toHaveText(['Titel is nog leeg: vul het in.']);
    await expectNoAxeViolations(page);
    let [record] = await stored(page, 'activities');
    expect(record.revision).toBe(3);
    expect(record.title).toBe(TITLE);

    await page.getByLabel('Titel', { exact: true }).fill(NEW_TITLE);
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
    await expect(savedNotice(page)).toContainText(`Activiteit ${NEW_TITLE} gewijzigd.`);
    await expect(savedNotice(page)).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: NEW_TITLE, exact: true })).toBeVisible();
    await expect(page.getByText('Cursus · Financiën · Buurthuis De Kroon')).toBeVisible();
    await expect(page.locator('.meeting-item')).toHaveCount(8);
    await expect(page.getByTestId('meeting-1')).toContainText(`Bijeenkomst 1 van 8 · ${nlDate(plan.first)}`);
    await expect(page.getByTestId('meeting-1')).toContainText('12 deelnemers, waarvan 5 voor het eerst · 2 vrijwilligers');
    await expect(page.getByTestId('meeting-2')).toContainText('10 deelnemers, waarvan 0 voor het eerst · 1 vrijwilliger');
    await expect(page.locator('.meeting-item').filter({ hasText: 'Nog niet ingevuld' })).toHaveCount(6);
    [record] = await stored(page, 'activities');
    expect(record.revision).toBe(4);
    expect(record.title).toBe(NEW_TITLE);
    expect(record.meetings.map((m) => m.held)).toEqual([true, true, false, false, false, false, false, false]);
    expect(record.meetings.slice(0, 2).map((m) => m.participants)).toEqual([12, 10]);

    // Undo takes the correction back, and only the correction.
    await savedNotice(page).getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect(savedNotice(page)).toContainText('Ongedaan gemaakt.');
    await expect(page.getByRole('heading', { level: 1, name: TITLE, exact: true })).toBeVisible();
    await expect(page.getByTestId('meeting-1')).toContainText('12 deelnemers, waarvan 5 voor het eerst · 2 vrijwilligers');
    await expect(page.getByTestId('meeting-2')).toContainText('10 deelnemers, waarvan 0 voor het eerst · 1 vrijwilliger');
    const records = await stored(page, 'activities');
    expect(records).toHaveLength(1);
    expect(records[0].title).toBe(TITLE);
    expect(records[0].meetings.filter((m) => m.held)).toHaveLength(2);
  });

  test('a refused save says what to fix in Dutch and stores nothing', async ({ page }) => {
    await openScreen(page, 'Groepsactiviteiten');
    await page.getByRole('link', { name: 'Nieuwe activiteit' }).click();
    await page.getByLabel('Plaats', { exact: true }).fill('Buurthuis De Kroon');
    await page.getByLabel('Aantal bijeenkomsten').fill('acht');
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();

    const problems = page.getByRole('alert');
    await expect(problems).toBeFocused();
    await expect(problems).toContainText('Nog niet opgeslagen. Verbeter dit:');
    await expect(problems.getByRole('listitem')).toHaveText([
      "Vul bij 'Aantal bijeenkomsten' een heel getal in van 1 tot en met 60.",
      'Titel is nog leeg: vul het in.',
      'Kies een thema.',
    ]);
    await expect(page.getByRole('heading', { name: 'Nieuwe activiteit' })).toBeVisible();
    // The form keeps what was typed.
    await expect(page.getByLabel('Plaats', { exact: true })).toHaveValue('Buurthuis De Kroon');
    await expectNoAxeViolations(page);
    expect(await stored(page, 'activities')).toHaveLength(0);

    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expect(page.getByText('Nog geen activiteiten op dit apparaat.')).toBeVisible();
    await expect(totals(page)).toHaveText(totalsText(0, 0, 0, 0));
  });

  test('a meeting that has not taken place yet cannot be filled in', async ({ page }) => {
    const today = new Date(TODAY);
    await openScreen(page, 'Groepsactiviteiten');
    await page.getByRole('link', { name: 'Nieuwe activiteit' }).click();
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Thema (leefdomein)').selectOption({ label: 'Financiën' });
    await page.getByLabel('Plaats', { exact: true }).fill('Buurthuis De Kroon');
    await page.getByLabel('Datum van de (eerste) bijeenkomst').fill(ymd(today));
    await page.getByLabel('Aantal bijeenkomsten').fill('2');
    await page.getByRole('button', { name: 'Activiteit opslaan' }).click();
    await expect(savedNotice(page)).toContainText(`Activiteit ${TITLE} opgeslagen.`);

    await page.getByRole('button', { name: 'Bijeenkomst 2 invullen' }).click();
    await page.getByLabel('Deelnemers', { exact: true }).fill('9');
    await page.getByLabel('Waarvan voor het eerst').fill('12');
    await page.getByRole('button', { name: 'Bijeenkomst 2 opslaan als gehouden' }).click();
    const problems = page.getByRole('alert');
    await expect(problems).toBeFocused();
    await expect(problems.getByRole('listitem')).toHaveText([
      'Bijeenkomst 2: deze bijeenkomst is nog niet geweest. Vul haar in op de dag zelf of later.',
      'Bijeenkomst 2: er kunnen niet meer mensen voor het eerst zijn dan er deelnemers waren.',
    ]);
    await page.getByLabel('Deelnemers', { exact: true }).fill('negen');
    await page.getByRole('button', { name: 'Bijeenkomst 2 opslaan als gehouden' }).click();
    await expect(problems.getByRole('listitem')).toHaveText([
      'Deelnemers: vul een heel getal in (0 of meer), zonder letters of komma.',
    ]);
    await expectNoAxeViolations(page);
    const [record] = await stored(page, 'activities');
    expect(record.revision).toBe(1);
    expect(record.meetings.map((m) => m.held)).toEqual([false, false]);
  });
});

test.describe('initiatives', () => {
  test('an initiative gets a support moment and becomes independent; a delete can be undone', async ({ page }) => {
    await openScreen(page, 'Initiatieven');
    await expect(page.getByText('Nog geen initiatieven op dit apparaat.')).toBeVisible();
    await expect(page.getByTestId('initiative-totals')).toHaveText(
      'Initiatieven ondersteund: 0 · deelnemers bereikt: 0 · ondersteuningsmomenten: 0',
    );

    await page.getByRole('link', { name: 'Nieuw initiatief' }).click();
    await page.getByLabel('Naam van het initiatief').fill(INITIATIVE);
    await page.getByLabel('Soort initiatief').selectOption({ label: 'Bewonersinitiatief' });
    await expect(page.getByLabel('Startdatum')).toHaveValue(ymd(TODAY));
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('idea');
    await page.getByLabel('Aantal deelnemers bereikt').fill('15');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Initiatief opslaan' }).click();

    await expect(savedNotice(page)).toContainText(`Initiatief ${INITIATIVE} opgeslagen.`);
    await expect(savedNotice(page)).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: INITIATIVE })).toBeVisible();
    await expect(page.getByTestId('initiative-status')).toHaveText('Status: Idee · 15 deelnemers bereikt');
    await expect(page.getByText('Nog geen ondersteuningsmomenten.')).toBeVisible();

    await page.getByLabel('Wat er gedaan is (kort, zonder namen)').fill('Hulp bij de subsidieaanvraag');
    await page.getByRole('button', { name: 'Ondersteuningsmoment toevoegen' }).click();
    await expect(savedNotice(page)).toContainText(`Ondersteuningsmoment bij ${INITIATIVE} toegevoegd.`);
    await expect(page.locator('.support-list li')).toHaveText([`${nlDate(TODAY)} — Hulp bij de subsidieaanvraag`]);

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Zelfstandig' });
    await page.getByRole('button', { name: 'Status wijzigen' }).click();
    await expect(savedNotice(page)).toContainText(`Status van ${INITIATIVE} is nu: Zelfstandig.`);
    await expect(page.getByTestId('initiative-status')).toHaveText('Status: Zelfstandig · 15 deelnemers bereikt');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
    await expect(page.getByTestId('initiative-totals')).toHaveText(
      'Initiatieven ondersteund: 1 · deelnemers bereikt: 15 · ondersteuningsmomenten: 1',
    );
    await expect(page.getByTestId('initiative-status-totals')).toHaveText(
      'Per status (nu): Idee 0 · Loopt, met steun 0 · Zelfstandig 1 · Gestopt 0',
    );
    await expect(page.locator('.record-item')).toHaveCount(1);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: `Initiatief ${INITIATIVE} openen` }).click();
    await page.getByRole('button', { name: `Initiatief ${INITIATIVE} verwijderen` }).click();
    await expect(savedNotice(page)).toContainText(`Initiatief ${INITIATIVE} verwijderd.`);
    await expect(savedNotice(page)).toBeFocused();
    await expect(page.getByText('Nog geen initiatieven op dit apparaat.')).toBeVisible();
    await expect(page.getByTestId('initiative-totals')).toHaveText(
      'Initiatieven ondersteund: 0 · deelnemers bereikt: 0 · ondersteuningsmomenten: 0',
    );
    // A tombstone, so the delete can sync and be undone.
    const [tombstone] = await stored(page, 'initiatives');
    expect(tombstone.deleted).toBe(true);

    await savedNotice(page).getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect(savedNotice(page)).toContainText('Ongedaan gemaakt.');
    await expect(page.getByRole('heading', { level: 1, name: INITIATIVE })).toBeVisible();
    await expect(page.getByTestId('initiative-status')).toHaveText('Status: Zelfstandig · 15 deelnemers bereikt');
    await expect(page.locator('.support-list li')).toHaveCount(1);
    await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
    await expect(page.getByTestId('initiative-totals')).toHaveText(
      'Initiatieven ondersteund: 1 · deelnemers bereikt: 15 · ondersteuningsmomenten: 1',
    );
  });

  test('an initiative\'s name, kind and start are corrected; its support moment stays', async ({ page }) => {
    const NEW_NAME = 'Moestuin De Kroon';
    const earlier = daysFrom(TODAY, -3);
    await openScreen(page, 'Initiatieven');
    await page.getByRole('link', { name: 'Nieuw initiatief' }).click();
    await page.getByLabel('Naam van het initiatief').fill(INITIATIVE);
    await page.getByLabel('Aantal deelnemers bereikt').fill('15');
    await page.getByRole('button', { name: 'Initiatief opslaan' }).click();
    await expect(savedNotice(page)).toContainText(`Initiatief ${INITIATIVE} opgeslagen.`);
    await page.getByLabel('Wat er gedaan is (kort, zonder namen)').fill('Hulp bij de subsidieaanvraag');
    await page.getByRole('button', { name: 'Ondersteuningsmoment toevoegen' }).click();
    await expect(savedNotice(page)).toContainText(`Ondersteuningsmoment bij ${INITIATIVE} toegevoegd.`);

    // Cancel goes back to the initiative, unchanged.
    await page.getByRole('link', { name: `Initiatief ${INITIATIVE} wijzigen` }).click();
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: INITIATIVE, exact: true })).toBeVisible();

    await page.getByRole('link', { name: `Initiatief ${INITIATIVE} wijzigen` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${INITIATIVE} wijzigen`, exact: true })).toBeVisible();
    await expect(page.getByLabel('Naam van het initiatief')).toHaveValue(INITIATIVE);
    await expect(page.getByLabel('Soort initiatief')).toHaveValue('residents_initiative');
    await expect(page.getByLabel('Startdatum')).toHaveValue(ymd(TODAY));
    // Status and participants have their own controls on the card.
    await expect(page.getByLabel('Status', { exact: true })).toHaveCount(0);
    await expect(page.getByLabel('Aantal deelnemers bereikt')).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByLabel('Naam van het initiatief').fill(NEW_NAME);
    await page.getByLabel('Soort initiatief').selectOption({ label: 'Jongereninitiatief' });
    await page.getByLabel('Startdatum').fill(ymd(earlier));
    await page.getByRole('button', { name: 'Initiatief opslaan' }).click();
    await expect(savedNotice(page)).toContainText(`Initiatief ${NEW_NAME} gewijzigd.`);
    await expect(savedNotice(page)).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: NEW_NAME, exact: true })).toBeVisible();
    await expect(page.getByText(`Jongereninitiatief · gestart ${nlDate(earlier)}`)).toBeVisible();
    await expect(page.getByTestId('initiative-status')).toHaveText('Status: Idee · 15 deelnemers bereikt');
    await expect(page.locator('.support-list li')).toHaveText([`${nlDate(TODAY)} — Hulp bij de subsidieaanvraag`]);
    const [record] = await stored(page, 'initiatives');
    expect(record.revision).toBe(3);
    expect(record.name).toBe(NEW_NAME);
    expect(record.support).toHaveLength(1);

    await savedNotice(page).getByRole('button', { name: 'Ongedaan maken' }).click();
    await expect(savedNotice(page)).toContainText('Ongedaan gemaakt.');
    await expect(page.getByRole('heading', { level: 1, name: INITIATIVE, exact: true })).toBeVisible();
    await expect(page.locator('.support-list li')).toHaveCount(1);
  });
});
