// Export of one period (issue 9), in the coordinator app: the two days start
// as this calendar year so far, a wrong period is refused at its field, and
// the file holds the records of every kind in those days (Dutch time; March
// 2026 ends on the day summer time starts), tombstones included, names the
// period in its head and its name, matches the published JSON Schema, marks
// only what it holds, and imports on another device. The volunteer app does
// not offer it.
import { test, expect } from './fixtures.mjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { chooseExportFile, chooseLocation, expectNoAxeViolations } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const timezoneId = 'Europe/Amsterdam';

const id = (n) => `0193a1c2-0000-7000-8000-${String(n).padStart(12, '0')}`;

function contact(n, occurredAt) {
  return {
    id: id(n),
    kind: 'contact',
    schema_version: 2,
    created_at: '2026-04-01T08:00:00.000Z',
    updated_at: '2026-04-01T08:00:00.000Z',
    device_id: 'tablet-7f3a',
    revision: 1,
    deleted: false,
    shipped_revision: 0,
    location: 'wijkplein-centrum',
    occurred_at: occurredAt,
    channel: 'inloop',
    support_form: 'informatie-advies',
    domains: ['financien'],
    outcome: { kind: 'direct' },
    duration_minutes: 10,
    note: '',
    initials: 'JdV',
  };
}

function tombstone(n, kind, createdAt) {
  return {
    id: id(n),
    kind,
    schema_version: 1,
    created_at: createdAt,
    updated_at: '2026-04-20T10:00:00.000Z',
    device_id: 'tablet-7f3a',
    revision: 2,
    deleted: true,
    shipped_revision: 0,
  };
}

/** A tablet's full export: of every kind a record inside March 2026 and
 * one outside, contacts on both sides of both edges. */
function source() {
  const inside = [];
  const held = (record) => {
    inside.push(record.id);
    return record;
  };
  const lists = {
    contacts: [
      contact(1, '2026-02-28T22:59:59.999Z'), // 28 Feb 23:59:59 local
      held(contact(2, '2026-02-28T23:00:00.000Z')), // 1 March 00:00
      held(contact(3, '2026-03-29T21:59:59.999Z')), // 29 March 23:59:59 summer time
      contact(4, '2026-03-29T22:00:00.000Z'), // 30 March 00:00 summer time
      held(tombstone(5, 'contact', '2026-03-10T09:00:00.000Z')),
      tombstone(6, 'contact', '2026-04-02T09:00:00.000Z'),
    ],
    // A response keeps only its date, at midnight UTC.
    survey_responses: [
      held(tombstone(7, 'survey_response', '2026-03-29T00:00:00.000Z')),
      tombstone(8, 'survey_response', '2026-03-30T00:00:00.000Z'),
    ],
  };
  const others = [
    ['surveys', 'survey_definition'],
    ['trajectories', 'trajectory'],
    ['activities', 'activity'],
    ['initiatives', 'initiative'],
  ];
  others.forEach(([list, kind], i) => {
    lists[list] = [
      held(tombstone(10 + 2 * i, kind, '2026-03-15T10:00:00.000Z')),
      tombstone(11 + 2 * i, kind, '2026-02-28T22:00:00.000Z'),
    ];
  });
  const file = {
    format: 'wijkpeil-export',
    format_version: 3,
    exported_at: '2026-04-21T10:00:00.000Z',
    device_id: 'tablet-7f3a',
    ...lists,
  };
  return { text: JSON.stringify(file), total: 16, inside };
}

async function importFile(page, name, text, count) {
  await chooseExportFile(page, text, name);
  await expect(page.getByTestId('import-preview')).toContainText(`Nieuw op dit apparaat${count}`);
  await expect(page.getByTestId('import-preview')).toContainText('Ongeldig: wordt overgeslagen0');
  await page.getByRole('button', { name: `${count} wijzigingen importeren` }).click();
  await expect(page.getByTestId('import-message')).toContainText(`Import klaar: ${count} nieuw`);
}

test('a coordinator exports one period: the records of those days, with the period in the head', async ({ browser }) => {
  const { text, total, inside } = source();
  const context = await browser.newContext({ timezoneId });
  const page = await context.newPage();
  await page.goto('/beheer/#/instellingen');
  await importFile(page, 'tablet.json', text, total);
  await expect(page.getByTestId('records-pending')).toHaveText(String(total));

  // This calendar year so far, in local time.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: timezoneId }).format(new Date());
  const from = page.getByLabel('Van', { exact: true });
  const to = page.getByLabel('Tot en met', { exact: true });
  await expect(page.getByRole('heading', { name: 'Eén periode exporteren' })).toBeVisible();
  await expect(from).toHaveValue(`${today.slice(0, 4)}-01-01`);
  await expect(to).toHaveValue(today);

  // A wrong period is refused at its field, announced, and nothing is
  // downloaded.
  const button = page.getByRole('button', { name: 'Periode exporteren (JSON)' });
  let downloads = 0;
  page.on('download', () => downloads++);
  await from.fill('2026-03-01');
  await to.fill('2026-02-28');
  await button.click();
  await expect(to).toBeFocused();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(to).toHaveAccessibleDescription(/Deze datum ligt vóór de datum bij ‘Van’/);
  await expect(page.locator('#period-to-error')).toHaveAttribute('aria-live', 'polite');
  await from.fill('');
  await button.click();
  await expect(from).toBeFocused();
  await expect(page.locator('#period-from-error')).toHaveText('Vul een volledige datum in: dag, maand en jaar.');
  await expectNoAxeViolations(page);
  expect(downloads).toBe(0);
  await expect(page.getByTestId('records-pending')).toHaveText(String(total));

  // March 2026.
  await from.fill('2026-03-01');
  await to.fill('2026-03-29');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^wijkpeil-apparaat-[0-9a-f]{8}-2026-03-01--2026-03-29\.json$/);
  await expect(page.getByTestId('period-export-status')).toContainText(
    `${inside.length} records van 1-3-2026 tot en met 29-3-2026 geëxporteerd naar ${download.suggestedFilename()}`,
  );
  await expect(to).not.toHaveAttribute('aria-invalid', 'true');
  const file = await readFile(await download.path(), 'utf8');
  const parsed = JSON.parse(file);
  expect(parsed.period).toEqual({ from: '2026-03-01', to: '2026-03-29' });
  expect(parsed.format).toBe('wijkpeil-export');
  expect(parsed.format_version).toBe(3);

  const schema = JSON.parse(await readFile(path.join(root, 'public/export-format.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);

  const lists = ['contacts', 'survey_responses', 'surveys', 'trajectories', 'activities', 'initiatives'];
  const held = lists.flatMap((list) => parsed[list].map((record) => record.id)).sort();
  expect(held).toEqual([...inside].sort());
  for (const list of lists) expect(parsed[list].length, list).toBeGreaterThan(0);
  expect(parsed.contacts.filter((c) => c.deleted)).toHaveLength(1);

  // Only what the file holds stops counting as not exported.
  await expect(page.getByTestId('records-pending')).toHaveText(String(total - inside.length));
  await context.close();

  // The file imports on another device.
  const other = await browser.newContext({ timezoneId });
  const laptop = await other.newPage();
  await laptop.goto('/beheer/#/instellingen');
  await importFile(laptop, download.suggestedFilename(), file, inside.length);
  await expect(laptop.getByTestId('records-stored')).toHaveText('2');
  await expect(laptop.getByTestId('records-deleted')).toHaveText(String(inside.length - 2));
  await other.close();
});

test('the volunteer app offers only "Alles exporteren"', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId });
  const page = await context.newPage();
  await chooseLocation(page);
  await page.goto('/#/instellingen');
  await expect(page.getByRole('button', { name: 'Alles exporteren (JSON)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Periode exporteren (JSON)' })).toHaveCount(0);
  await expect(page.getByLabel('Tot en met', { exact: true })).toHaveCount(0);
  await context.close();
});
