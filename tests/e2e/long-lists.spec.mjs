// A large organisation's year on one device (issue 12): long lists are drawn
// a page at a time, and the settings' counts and the survey cards' counts,
// now taken from indexes, still say exactly what is stored (tombstones apart,
// shipped records not waiting).
import { test, expect } from './fixtures.mjs';
import { chooseExportFile, expectNoAxeViolations, meta } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 900 } });

const AT = '2026-03-02T10:00:00.000Z';
const GROUP_TITLE = 'Wat vond u van de activiteit?';

function initiative(i) {
  return {
    ...meta('initiative', 1, AT),
    initiative_kind: 'residents_initiative',
    name: `Buurtinitiatief ${String(i).padStart(3, '0')}`,
    participants: 4,
    start: '2026-03-02',
    status: 'running',
    support: [],
  };
}

function response(survey) {
  const m = meta('survey_response', 1, '2026-03-02T00:00:00.000Z');
  return { ...m, survey_id: survey, survey_version: 1, date: '2026-03-02', lang: 'nl', answers: { cijfer: { number: 8 } } };
}

function exportFile({ initiatives, responses }) {
  return JSON.stringify({
    format: 'wijkpeil-export',
    format_version: 3,
    exported_at: '2026-03-03T10:00:00.000Z',
    device_id: 'tablet-hub',
    contacts: [],
    survey_responses: responses,
    surveys: [],
    trajectories: [],
    activities: [],
    initiatives,
  });
}

async function importFile(page, text, changes) {
  await page.goto('/beheer/#/instellingen');
  await chooseExportFile(page, text);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByRole('button', { name: `${changes} wijzigingen importeren` }).click();
  await expect(page.getByTestId('import-message')).toContainText(`Import klaar: ${changes} nieuw`);
}

test('a long list shows 50 at a time, and "Meer tonen" draws the next 50 under them', async ({ page }) => {
  const initiatives = Array.from({ length: 120 }, (_, i) => initiative(i + 1));
  // Deleted on the hub: kept for sync, not listed, counted apart.
  initiatives.push({ ...meta('initiative', 1, AT), revision: 2, shipped_revision: 2, deleted: true });
  await importFile(page, exportFile({ initiatives, responses: [] }), 121);
  await expect(page.getByTestId('records-stored')).toHaveText('120');
  await expect(page.getByTestId('records-deleted')).toHaveText('1');
  await expect(page.getByTestId('records-pending')).toHaveText('121');

  await page.goto('/beheer/#/initiatieven');
  const items = page.locator('ul.record-list > li');
  await expect(items).toHaveCount(50);
  const status = page.locator('.list-more [role=status]');
  await expect(status).toHaveText('50 van de 120 getoond');
  await expectNoAxeViolations(page);
  const first = await items.first().textContent();

  const more = page.getByRole('button', { name: 'Meer tonen' });
  await more.click();
  await expect(items).toHaveCount(100);
  await expect(status).toHaveText('100 van de 120 getoond');
  // The rows drawn first stay where they were.
  await expect(items.first()).toHaveText(first);
  await more.click();
  await expect(items).toHaveCount(120);
  await expect(more).toHaveCount(0);
  await expect(page.locator('.list-more')).toHaveCount(0);
  // Every one is there once.
  const names = await page.locator('ul.record-list > li strong').allTextContents();
  expect(new Set(names).size).toBe(120);
});

test('the survey cards count each survey\'s responses and those still waiting', async ({ page }) => {
  const first = [
    ...Array.from({ length: 30 }, () => response('wijkplein-bezoek')),
    ...Array.from({ length: 7 }, () => response('groepsactiviteit')),
  ];
  await importFile(page, exportFile({ initiatives: [], responses: first }), 37);
  // Imported records wait to be sent on from this device; an export sends
  // them on (no sync server is set).
  await expect(page.getByTestId('records-pending')).toHaveText('37');
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Alles exporteren (JSON)' }).click(),
  ]);
  await expect(page.getByTestId('records-pending')).toHaveText('0');
  const later = Array.from({ length: 5 }, () => response('wijkplein-bezoek'));
  await importFile(page, exportFile({ initiatives: [], responses: later }), 5);
  await expect(page.getByTestId('records-pending')).toHaveText('5');

  await page.goto('/beheer/');
  const card = (title) => page.locator('.survey-card').filter({ hasText: title });
  await expect(card('Hoe was uw bezoek?').getByTestId('response-count')).toHaveText('Op dit apparaat: 35 ingevuld, 5 wachten op versturen');
  await expect(card(GROUP_TITLE).getByTestId('response-count')).toHaveText('Op dit apparaat: 7 ingevuld, 0 wachten op versturen');
});
