// The jaarbeeld (issue 10): a small year of data entered through the
// screens (two contacts on the volunteer's tablet, a hub's export imported
// on the coordinator's laptop), then the report: the figures, the filters
// (year, quarter, location), the CSV a Dutch Excel opens, the print layout
// with small cells hidden, the quotes; axe clean.
import { test, expect } from './fixtures.mjs';
import { readFile } from 'node:fs/promises';
import { chooseLocation, registerCommonContact, expectNoAxeViolations, importExportFile, meta } from './helpers.mjs';

const THIS_YEAR = new Date().getFullYear();
const LAST = THIS_YEAR - 1; // the year the hub's export covers
const BEFORE = THIS_YEAR - 2; // its previous year

/** A contact at noon (UTC) on `day` of `year`. */
function contact(year, day, { location = 'wijkplein-noord', channel = 'telefoon', referred = null } = {}) {
  const at = `${year}-${day}T11:00:00.000Z`;
  return {
    ...meta('contact', 2, at),
    location,
    occurred_at: at,
    channel,
    support_form: 'informatie-advies',
    domains: ['financien'],
    outcome: referred ? { kind: 'referred', to: referred } : { kind: 'direct' },
    referrer: null,
    awareness: null,
    target_groups: [],
    duration_minutes: 10,
    note: '',
    initials: '',
  };
}

function response(year, day, mark, location, quote) {
  const date = `${year}-${day}`;
  const answers = { cijfer: { number: mark } };
  if (quote) answers.goed = { text: quote };
  return {
    ...meta('survey_response', 1, `${date}T00:00:00.000Z`),
    survey_id: 'kto-traject',
    survey_version: 1,
    date,
    lang: 'nl',
    answers,
    location,
  };
}

/** A trajectory started and closed last year: financien 2 → 4, so it grew. */
function trajectory() {
  const start = `${LAST}-02-01`;
  const end = `${LAST}-05-01`;
  return {
    ...meta('trajectory', 1, `${start}T09:00:00.000Z`),
    code: 'TR-ABCD-EF',
    start,
    referrer: 'huisarts',
    age_band: '27-64',
    household: null,
    main_domains: ['financien'],
    goals: [],
    intake: { date: start, scores: { financien: 'not_self_reliant' } },
    positive_health: null,
    contact_moments: [],
    closing: { date: end, end: { date: end, scores: { financien: 'sufficiently_self_reliant' } }, kto_invited: false, reason: 'goals_reached' },
  };
}

/** The hub's export: 12 contacts last year (7 by phone, 5 walk-in; 8 at
 * Noord, 4 at Zuid; 6 direct, 6 referred; January 3, March 4, June 5), 3
 * the year before, 5 KTO answers last year (marks 8, 9, 9, 10, 7 → 8,6). */
function hubExport() {
  const contacts = [
    ...['01-10', '01-11', '01-12'].map((d) => contact(LAST, d)),
    ...['03-02', '03-03', '03-04'].map((d) => contact(LAST, d, { referred: 'gemeente' })),
    contact(LAST, '03-05', { channel: 'inloop', location: 'wijkplein-zuid', referred: 'gemeente' }),
    contact(LAST, '06-01', { channel: 'inloop', location: 'wijkplein-zuid', referred: 'wijkteam' }),
    contact(LAST, '06-02', { channel: 'inloop', location: 'wijkplein-zuid', referred: 'wijkteam' }),
    contact(LAST, '06-03', { channel: 'inloop', location: 'wijkplein-zuid' }),
    contact(LAST, '06-04', { channel: 'inloop' }),
    contact(LAST, '06-05'),
    ...['02-01', '02-02', '02-03'].map((d) => contact(BEFORE, d)),
  ];
  const responses = [
    response(LAST, '04-01', 8, 'wijkplein-noord', 'Hele prettige contacten gehad, er wordt geluisterd.'),
    response(LAST, '04-02', 9, 'wijkplein-noord', null),
    response(LAST, '05-01', 9, 'wijkplein-noord', '=HYPERLINK("x") klinkt gek maar is een citaat'),
    response(LAST, '05-02', 10, 'wijkplein-zuid', null),
    response(LAST, '05-03', 7, 'wijkplein-zuid', null),
  ];
  return JSON.stringify({
    format: 'wijkpeil-export',
    format_version: 3,
    exported_at: `${THIS_YEAR}-01-02T10:00:00.000Z`,
    device_id: 'tablet-hub',
    contacts,
    survey_responses: responses,
    surveys: [],
    trajectories: [trajectory()],
    activities: [],
    initiatives: [],
    org_lists: [],
  });
}

const total = (page) => page.getByTestId('contacts-total');

/** The cells of the row whose header is `name` in the table captioned `caption`. */
function row(page, caption, name) {
  return page
    .getByRole('table', { name: caption })
    .getByRole('row', { name: new RegExp(`^${name}\\b`) });
}

test('the jaarbeeld counts a year entered through the screens, filters, prints and exports CSV', async ({ page }) => {
  // Two contacts on the volunteer's tablet today.
  await chooseLocation(page);
  await registerCommonContact(page);
  await registerCommonContact(page, 'Huisvesting');

  // The hub's export, imported on this device (Beheer → Instellingen).
  await importExportFile(page, hubExport(), 'wijkplein-export.json');

  // The report opens on this year: the two contacts of today.
  await page.goto('/beheer/#/jaarbeeld');
  await expect(page.getByRole('heading', { name: 'Jaarbeeld', level: 1 })).toBeVisible();
  await expect(total(page)).toHaveText('2');
  await expectNoAxeViolations(page);

  // Last year, beside the year before.
  await page.getByLabel('Jaar', { exact: true }).fill(String(LAST));
  await expect(total(page)).toHaveText('12');
  await expect(row(page, 'Bereik per ondersteuningsvorm', 'Informatie en advies: vragen')).toContainText(/12\s*3/);
  await expect(row(page, 'Contacten per kanaal', 'Telefoon')).toContainText('7');
  await expect(row(page, 'Contacten per kanaal', 'Inloop')).toContainText('5');
  await expect(row(page, 'Direct afgehandeld of doorverwezen', 'Doorverwezen')).toContainText('50,0%');
  await expect(row(page, 'Contacten per maand', `maart ${LAST}`)).toContainText('4');
  // The KTO: five marks, 8,6 on average; per location Noord 8,7 (3 answers: small), Zuid 8,5.
  await expect(row(page, /kerncijfers/, 'Rapportcijfer')).toContainText('8,6');
  await expect(page.getByText('Hele prettige contacten gehad, er wordt geluisterd.')).toBeVisible();

  // The trajectory: closed with growth, its ZRM begin and end drawn and tabled.
  await expect(row(page, /^Trajecten$/, 'Aandeel met groei')).toContainText('100,0%');
  await expect(page.getByRole('figure', { name: 'ZRM: gemiddelde begin- en eindmeting per domein' })).toBeVisible();
  const zrm = row(page, 'ZRM: gemiddelde begin- en eindmeting per domein', 'Financiën');
  for (const figure of ['2,0', '4,0', '+2,0']) await expect(zrm).toContainText(figure);

  // One location: Zuid has 4 of last year's contacts.
  const locations = page.getByRole('group', { name: 'Locaties' });
  await locations.getByRole('checkbox', { name: 'Wijkplein Zuid' }).check();
  await expect(total(page)).toHaveText('4');
  await expect(page.getByText(/hebben geen locatie en tellen altijd mee/)).toBeVisible();
  await locations.getByRole('checkbox', { name: 'Wijkplein Zuid' }).uncheck();
  await expect(total(page)).toHaveText('12');

  // The first quarter: January's 3 and March's 4.
  await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Kwartaal' });
  await page.getByLabel('Kwartaal', { exact: true }).selectOption('1');
  await expect(total(page)).toHaveText('7');
  await expectNoAxeViolations(page);

  // Back to the year; the channel table as CSV, small cells hidden.
  await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Jaar' });
  await expect(total(page)).toHaveText('12');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV downloaden: Contacten per kanaal' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`wijkpeil-contacten-per-kanaal-${LAST}.csv`);
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toBe(`Kanaal;${LAST};${BEFORE}`);
  expect(lines).toContain('Telefoon;7;<5');
  expect(lines).toContain('Inloop;5;0');

  // With hiding off, the CSV holds the small numbers.
  await page.getByLabel(/Kleine aantallen .* verbergen/).uncheck();
  const [plain] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV downloaden: Contacten per kanaal' }).click(),
  ]);
  expect((await readFile(await plain.path(), 'utf8')).split('\r\n')).toContain('Telefoon;7;3');

  // A quote marked publishable stays marked, and only it is printed.
  const kind = page.getByRole('listitem').filter({ hasText: 'Hele prettige contacten gehad' });
  // The quote says which language it is in, for a screen reader (WCAG 3.1.2).
  await expect(kind.locator('blockquote')).toHaveAttribute('lang', 'nl');
  await kind.getByRole('checkbox', { name: 'Publiceerbaar' }).check();
  await page.getByLabel(/Kleine aantallen .* verbergen/).check();
  await page.getByLabel('Naam van de organisatie').fill('Stichting Welzijn Oost');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('form.report-filters')).toBeHidden();
  await expect(page.getByText('Stichting Welzijn Oost')).toBeVisible();
  await expect(page.getByText(/^Gemaakt op \d\d-\d\d-\d{4} met Wijkpeil\.$/)).toBeVisible();
  await expect(row(page, 'Contacten per kanaal', 'Telefoon')).toContainText('<5');
  await expect(page.getByText('Hele prettige contacten gehad, er wordt geluisterd.')).toBeVisible();
  await expect(page.getByText(/klinkt gek maar is een citaat/)).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.reload();
  await page.getByLabel('Jaar', { exact: true }).fill(String(LAST));
  await expect(kind.getByRole('checkbox', { name: 'Publiceerbaar' })).toBeChecked();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'klinkt gek' }).getByRole('checkbox', { name: 'Publiceerbaar' }),
  ).not.toBeChecked();
});
