// The organisation's own lists (issue 9): a coordinator renames, adds and
// retires items; the volunteer's app offers the new ones, no longer offers
// a retired one, and old records still read. Scenario 9: the coordinator
// changes the locations and publishes a survey version; after a sync every
// tablet has both, with the server's ids and revisions.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, registerCommonContact, expectNoAxeViolations, todayHeading } from './helpers.mjs';
import { couchAvailable, resetDatabases, passAll, USERS } from './couch.mjs';
import { enterServer, syncNow, deviceRevisions, serverRevisions } from './sync-steps.mjs';

/** The options of the settings' location picker, by their text. */
async function locationOptions(page) {
  await page.getByRole('link', { name: 'Instellingen' }).click();
  const options = page.getByLabel('Locatie van dit apparaat').locator('option');
  await expect(options.first()).toBeAttached();
  return options.allTextContents();
}

/** On the lists screen: renames, adds and retires locations. */
async function changeLocations(page) {
  await page.getByRole('link', { name: 'Lijsten' }).click();
  await expect(page.getByRole('heading', { name: 'Lijsten', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Lijst', { exact: true })).toHaveValue('locations');
  const status = page.getByTestId('lists-status');

  await page.getByRole('button', { name: 'Naam wijzigen: Wijkplein Noord' }).click();
  await page.getByLabel('Nieuwe naam voor Wijkplein Noord').fill('Buurthuis Noorderlicht');
  await page.getByRole('button', { name: 'Naam opslaan' }).click();
  await expect(status).toHaveText('Opgeslagen.');
  await expect(page.getByRole('list', { name: 'Items in Locaties' })).toContainText('Buurthuis Noorderlicht');

  await page.getByLabel('Naam van het nieuwe item').fill('Bibliotheek Zuid');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  const items = page.getByRole('list', { name: 'Items in Locaties' });
  await expect(items.getByRole('listitem').filter({ hasText: 'Bibliotheek Zuid' })).toContainText('code: bibliotheek-zuid');
  await expect(page.getByLabel('Naam van het nieuwe item')).toHaveValue('');

  // A name that is already there is refused, and said so.
  await page.getByLabel('Naam van het nieuwe item').fill('bibliotheek zuid');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(status).toHaveText('Er is al een item met deze naam.');

  await page.getByRole('button', { name: 'Niet meer gebruiken: Telefonisch spreekuur' }).click();
  await expect(items.getByRole('listitem').filter({ hasText: 'Telefonisch spreekuur' })).toContainText('niet meer in gebruik');
  await expect(page.getByRole('button', { name: 'Weer gebruiken: Telefonisch spreekuur' })).toBeVisible();
  await expect(status).toHaveText('Opgeslagen.');
}

test.describe('the organisation edits its lists', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('renamed, added and retired locations reach the volunteer app; an old record still reads', async ({ page }) => {
    // A tablet at the phone line registers a contact.
    await chooseLocation(page, 'Telefonisch spreekuur');
    await registerCommonContact(page);
    await expect(todayHeading(page, 1)).toBeVisible();

    // On the same device, the coordinator app: the lists screen.
    await page.goto('/beheer/#/lijsten');
    await changeLocations(page);
    await expectNoAxeViolations(page);
    // Each change was a revision of the one record of the locations.
    const lists = await deviceRevisions(page);
    expect(lists['org_list:00000000-0000-8000-8000-000000000001']).toBe(3);

    // A reload reads the list as stored.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Weer gebruiken: Telefonisch spreekuur' })).toBeVisible();
    await page.getByRole('button', { name: 'Weer gebruiken: Telefonisch spreekuur' }).click();
    await expect(page.getByTestId('lists-status')).toHaveText('Opgeslagen.');
    await page.getByRole('button', { name: 'Niet meer gebruiken: Telefonisch spreekuur' }).click();
    await expect(page.getByTestId('lists-status')).toHaveText('Opgeslagen.');

    // The other lists are there too.
    await page.getByLabel('Lijst', { exact: true }).selectOption('referral_targets');
    await expect(page.getByRole('list', { name: 'Items in Doorverwezen naar' })).toContainText('Wijkteam / buurtteam');

    // The volunteer's app: the retired location still names this device
    // and its contact still reads; it is no longer offered.
    await page.goto('/');
    await expect(page.locator('.topbar .location')).toHaveText('Telefonisch spreekuur');
    await expect(todayHeading(page, 1)).toBeVisible();
    const offered = await locationOptions(page);
    expect(offered).toContain('Buurthuis Noorderlicht');
    expect(offered).toContain('Bibliotheek Zuid');
    expect(offered).not.toContain('Wijkplein Noord');
    expect(offered).not.toContain('Telefonisch spreekuur');
    // The first-run chooser offers the same.
    await page.goto('/#/locatie');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Buurthuis Noorderlicht' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Telefonisch spreekuur' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Bibliotheek Zuid' }).click();
    await expect(page.locator('.topbar .location')).toHaveText('Bibliotheek Zuid');
  });

  test('the age bands: typed, checked with a reason, and offered for a new trajectory', async ({ page }) => {
    await page.goto('/beheer/#/lijsten');
    const field = page.getByLabel('Leeftijdsgroepen, van jong naar oud');
    await expect(field).toHaveValue('0-3, 4-11, 12-17, 18-22, 23-26, 27-64, 65+');
    const save = page.getByRole('button', { name: 'Leeftijdsgroepen opslaan' });
    const status = page.getByTestId('bands-status');

    await field.fill('0-17, 20-64, 65+');
    await save.click();
    await expect(status).toHaveText('Vóór 20-64 ontbreken leeftijden: laat elke groep één jaar na het einde van de vorige beginnen.');
    await field.fill('0-17, volwassenen');
    await save.click();
    await expect(status).toHaveText('„volwassenen” is geen leeftijdsgroep. Schrijf bijvoorbeeld 18-22 of 65+ (leeftijden tot 120).');
    await expectNoAxeViolations(page);
    expect(Object.keys(await deviceRevisions(page)).filter((id) => id.startsWith('org_list:'))).toEqual([]);

    await field.fill('0-17, 18-66, 67+');
    await save.click();
    await expect(status).toHaveText('Opgeslagen.');
    await page.reload();
    await expect(field).toHaveValue('0-17, 18-66, 67+');

    await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
    await page.getByRole('link', { name: 'Nieuw traject' }).click();
    const bands = page.getByLabel('Leeftijdsgroep');
    await expect(bands.locator('option:not([value=""])')).toHaveText(['0-17 jaar', '18-66 jaar', '67+ jaar']);
  });

});

// ---------------------------------------------------------------------------
// Scenario 9, with the CouchDB test server.

/** Enters the server on `page` as `user` and waits for the first sync. */
async function enterServerAs(page, user) {
  await enterServer(page, { user });
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd', { timeout: 20_000 });
}

/** A device with its own browser profile. */
async function device(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

test.describe('scenario 9', () => {
  test.skip(!couchAvailable(), 'needs the CouchDB test server (scripts/test starts it)');
  test.beforeEach(async () => {
    await passAll();
    await resetDatabases();
  });

  test('a coordinator changes the locations and publishes a survey version: every tablet has both after sync', async ({ browser }) => {
    const tablets = [];
    for (const user of [USERS.tablet1, USERS.tablet2]) {
      const tablet = await device(browser);
      await chooseLocation(tablet.page);
      await enterServerAs(tablet.page, user);
      tablets.push(tablet);
    }
    // The second tablet is back at registration, its app open.
    const [one, two] = tablets;
    await two.page.goto('/');
    await expect(two.page.locator('.topbar .location')).toHaveText('Wijkplein Noord');

    const coordinator = await device(browser);
    await coordinator.page.goto('/beheer/');
    await enterServerAs(coordinator.page, USERS.coord);
    await changeLocations(coordinator.page);
    await coordinator.page.getByRole('link', { name: 'Enquêtes' }).click();
    const kto = coordinator.page.locator('.survey-card').filter({ hasText: 'Hoe tevreden bent u over onze hulp?' });
    await kto.getByRole('button', { name: 'Kopie maken' }).click();
    await coordinator.page.getByLabel('Titel (Nederlands)').fill('Hoe was ons traject?');
    await coordinator.page.getByRole('button', { name: 'Publiceren' }).click();
    await expect(coordinator.page.getByText('Gepubliceerd: inwoners krijgen nu versie 1.')).toBeVisible();
    await syncNow(coordinator.page);
    const server = await serverRevisions();
    const kinds = [...new Set(Object.keys(server).map((id) => id.split(':')[0]))].sort();
    expect(kinds).toEqual(['org_list', 'survey_definition']);
    expect(server['org_list:00000000-0000-8000-8000-000000000001']).toBe(3);

    // Tablet 1 syncs by hand; then its app shows the new names.
    await syncNow(one.page);
    await one.page.goto('/');
    await expect(one.page.locator('.topbar .location')).toHaveText('Buurthuis Noorderlicht');
    const offered = await locationOptions(one.page);
    expect(offered).toContain('Bibliotheek Zuid');
    expect(offered).not.toContain('Telefonisch spreekuur');

    // Tablet 2's open app syncs after its next save: the lists change on
    // the screen, without a reload.
    await registerCommonContact(two.page);
    await expect(two.page.locator('.topbar .location')).toHaveText('Buurthuis Noorderlicht', { timeout: 20_000 });
    await expect(todayHeading(two.page, 1)).toBeVisible();
    await expect(two.page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 20_000 });

    // Every device and the server: the same ids and revisions. A tablet
    // holds what every device shares, and its own records.
    const all = await serverRevisions();
    const shared = Object.fromEntries(
      Object.entries(all).filter(([id]) => id.startsWith('org_list:') || id.startsWith('survey_definition:')),
    );
    expect(Object.keys(shared)).toEqual(Object.keys(server));
    expect(await deviceRevisions(one.page)).toEqual(shared);
    const onTwo = await deviceRevisions(two.page);
    const contacts = Object.keys(onTwo).filter((id) => id.startsWith('contact:'));
    expect(contacts).toHaveLength(1);
    expect(onTwo).toEqual({ ...shared, [contacts[0]]: all[contacts[0]] });
    expect(all[contacts[0]]).toBe(1);
    await syncNow(coordinator.page);
    expect(await deviceRevisions(coordinator.page)).toEqual(all);
    for (const d of [...tablets, coordinator]) await d.context.close();
  });
});
