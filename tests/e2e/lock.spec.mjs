// The staff lock: a shared tablet shows nothing without a code, the
// volunteer's and the coordinator's codes open different apps, wrong codes
// wait, the kiosk keeps residents away from staff screens, and a lost code
// ends in a wipe. These tests start locked, so they use Playwright's own
// `test` (every other spec starts unlocked through fixtures.mjs).
import { test, expect } from '@playwright/test';
import { CODES, LOCK } from './fixtures.mjs';
import { expectNoAxeViolations, registerCommonContact, watchForeignRequests } from './helpers.mjs';

test.use({ viewport: { width: 1024, height: 800 } });

/** A device set up with the fixture's codes (`idle` minutes), locked or unlocked as `role`. */
async function device(context, { role = null, idle = 60, settings = null } = {}) {
  await context.addInitScript(
    ([lock, role, idle, settings]) => {
      if (localStorage.getItem('wijkpeil.test-setup')) return;
      localStorage.setItem('wijkpeil.test-setup', '1');
      localStorage.setItem('wijkpeil.lock', lock);
      localStorage.setItem('wijkpeil.lock_idle', String(idle));
      if (settings) localStorage.setItem('wijkpeil.settings', settings);
      if (role) sessionStorage.setItem('wijkpeil.session', `${role}:${Date.now()}:${idle}`);
    },
    [JSON.stringify(LOCK), role, idle, settings && JSON.stringify(settings)],
  );
}

const lockPage = /\/ontgrendelen\/#naar=/;

/** Opens `address` where the app may send the page on at once (to the lock page, back to the kiosk): that is the point, not a failure. */
async function gotoRedirected(page, address) {
  await page.goto(address).catch((error) => {
    if (!/interrupted by another navigation/.test(error.message)) throw error;
  });
}

/** Types a code and presses Enter (the Open button is aria-disabled while a wait runs, which Playwright will not click). */
async function unlock(page, code) {
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByLabel('Code', { exact: true }).press('Enter');
}

test('a new device is set up with two codes, and a locked app shows nothing of its records', async ({ page, context, baseURL }) => {
  const foreign = watchForeignRequests(context, baseURL);
  await page.goto('/');
  await expect(page).toHaveURL(/\/ontgrendelen\/#naar=%2F$/);
  await expect(page.getByRole('heading', { name: 'Dit apparaat beveiligen' })).toBeVisible();
  await expectNoAxeViolations(page);

  const coordinator = page.getByLabel('Code van de coördinator', { exact: true });
  const coordinatorAgain = page.getByLabel('Code van de coördinator, nog een keer');
  const volunteer = page.getByLabel('Code voor vrijwilligers', { exact: true });
  const volunteerAgain = page.getByLabel('Code voor vrijwilligers, nog een keer');
  await coordinator.fill('12345');
  await coordinatorAgain.fill('12345');
  await page.getByRole('button', { name: 'Codes instellen' }).click();
  await expect(coordinator).toHaveAttribute('aria-invalid', 'true');
  await expect(coordinator).toHaveAccessibleDescription(/minstens 6/);
  await coordinator.fill(CODES.coordinator);
  await coordinatorAgain.fill(CODES.coordinator);
  await volunteer.fill(CODES.coordinator);
  await volunteerAgain.fill(CODES.coordinator);
  await page.getByRole('button', { name: 'Codes instellen' }).click();
  await expect(volunteer).toHaveAccessibleDescription(/anders zijn dan die van de coördinator/);
  await volunteer.fill(CODES.volunteer);
  await volunteerAgain.fill(CODES.volunteer);
  await page.getByRole('button', { name: 'Codes instellen' }).click();

  // Set up, and unlocked: the registration, which asks the location first.
  await expect(page.getByRole('heading', { name: 'Waar staat dit apparaat?' })).toBeVisible();
  await page.getByRole('button', { name: 'Wijkplein Noord' }).click();
  await registerCommonContact(page);
  await expect(page.getByTestId('pending')).toHaveText('1 wijziging nog niet gesynchroniseerd of geëxporteerd');
  // The codes themselves are nowhere, only what PBKDF2 made of them.
  const stored = await page.evaluate(() => localStorage.getItem('wijkpeil.lock'));
  expect(stored).not.toContain(CODES.coordinator);
  expect(stored).not.toContain(CODES.volunteer);
  expect(JSON.parse(stored).coordinator.iterations).toBe(600000);

  await page.getByRole('link', { name: 'Instellingen' }).click();
  await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await expect(page).toHaveURL(lockPage);
  await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
  const shown = await page.locator('body').innerText();
  for (const secret of ['Financiën', 'wijziging', 'Wijkplein Noord', 'Vandaag']) expect(shown).not.toContain(secret);
  await expectNoAxeViolations(page);

  // Not by going back (to the registration), not by typing an address.
  await page.goBack();
  await expect(page).toHaveURL(/\/ontgrendelen\/#naar=%2F(%23%2F)?$/);
  await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
  await expect(page.getByText('Financiën')).toHaveCount(0);
  await gotoRedirected(page, '/#/instellingen');
  await expect(page).toHaveURL(/\/ontgrendelen\/#naar=%2F%23%2Finstellingen$/);
  await gotoRedirected(page, '/beheer/#/trajecten');
  await expect(page.getByRole('heading', { name: 'Beheer is vergrendeld' })).toBeVisible();

  // The coordinator's code brings the person back where they were going.
  await unlock(page, CODES.coordinator);
  await expect(page).toHaveURL(/\/beheer\/#\/trajecten$/);
  await expect(page.getByRole('heading', { name: 'Trajecten' }).first()).toBeVisible();
  expect(foreign).toEqual([]);
});

test('a wrong code is refused, and after three the next try waits', async ({ page, context }) => {
  await device(context);
  await page.goto('/');
  await expect(page).toHaveURL(lockPage);
  const code = page.getByLabel('Code', { exact: true });
  for (const wrong of ['000000', '111111']) {
    await unlock(page, wrong);
    await expect(page.getByText('Deze code klopt niet.')).toBeVisible();
    await expect(code).toHaveValue('');
  }
  await unlock(page, '222222');
  const wait = page.getByText(/Te vaak een verkeerde code\. Probeer het over \d seconden? opnieuw\./);
  await expect(wait).toBeVisible();
  await expect(page.getByRole('button', { name: 'Openen' })).toHaveAttribute('aria-disabled', 'true');
  // While waiting, even the right code is not tried.
  await unlock(page, CODES.volunteer);
  await expect(page).toHaveURL(lockPage);
  await expect(wait).toBeHidden({ timeout: 10_000 });
  await unlock(page, CODES.volunteer);
  await expect(page.getByRole('heading', { name: 'Waar staat dit apparaat?' })).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => localStorage.getItem('wijkpeil.lock'))).failures).toBe(0);
});

test('the wait after wrong codes holds over a reload, a new tab and the kiosk', async ({ page, context }) => {
  await context.addInitScript(
    ([lock]) => {
      if (localStorage.getItem('wijkpeil.test-setup')) return;
      localStorage.setItem('wijkpeil.test-setup', '1');
      localStorage.setItem('wijkpeil.lock', JSON.stringify({ ...JSON.parse(lock), failures: 7, retry_at_ms: Date.now() + 120_000 }));
    },
    [JSON.stringify(LOCK)],
  );
  await page.goto('/');
  const wait = page.getByText(/Probeer het over 1\d\d seconden opnieuw\./);
  await expect(wait).toBeVisible();
  await unlock(page, CODES.coordinator);
  await page.reload();
  await expect(wait).toBeVisible();
  await expect(page).toHaveURL(lockPage);
  const other = await context.newPage();
  await other.goto('/enquete/#s=wijkplein-bezoek&kiosk=1');
  // The kiosk's Beheer leads to the lock page, which waits as well.
  await other.getByRole('button', { name: 'Beheer' }).click();
  await expect(other.getByText(/Probeer het over 1\d\d seconden opnieuw\./)).toBeVisible();
  await unlock(other, CODES.coordinator);
  await expect(other.getByText(/Probeer het over 1\d\d seconden opnieuw\./)).toBeVisible();
  await expect(other).toHaveURL(/\/ontgrendelen\//);
});

test("a volunteer's code opens the registration, not Beheer", async ({ page, context }) => {
  await device(context, { settings: { location: 'wijkplein-noord', lang: 'nl' } });
  await page.goto('/beheer/');
  await expect(page.getByRole('heading', { name: 'Beheer is vergrendeld' })).toBeVisible();
  await unlock(page, CODES.volunteer);
  await expect(page.getByText('Deze code klopt niet.')).toBeVisible();
  await page.getByRole('link', { name: 'Naar het registreren' }).click();
  await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
  await unlock(page, CODES.volunteer);
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  // A volunteer signs with their initials, and hands over by locking: the
  // next one does not sign with them.
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await page.getByLabel('Uw initialen', { exact: true }).fill('AB');
  await page.getByLabel('Uw initialen', { exact: true }).press('Tab');
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await unlock(page, CODES.volunteer);
  await expect(page.getByLabel('Uw initialen', { exact: true })).toHaveValue('');
  await page.getByRole('link', { name: 'Registreren' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  // The link to Beheer asks for the coordinator's code.
  await page.getByRole('link', { name: 'Beheer' }).click();
  await expect(page.getByRole('heading', { name: 'Beheer is vergrendeld' })).toBeVisible();
  await unlock(page, CODES.coordinator);
  await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
});

test('the kiosk reaches no staff screen by address or history, and only a staff code leaves it', async ({ page, context }) => {
  await device(context, { role: 'coordinator', settings: { location: 'wijkplein-zuid', lang: 'nl' } });
  await page.goto('/beheer/');
  const card = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
  await card.getByRole('button', { name: 'Kiosk starten' }).click();
  const kiosk = /\/enquete\/#s=wijkplein-bezoek&loc=wijkplein-zuid&kiosk=1$/;
  await expect(page).toHaveURL(kiosk);
  await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();

  // A resident types the staff addresses: locked.
  await gotoRedirected(page, '/beheer/#/trajecten');
  await expect(page.getByRole('heading', { name: 'Beheer is vergrendeld' })).toBeVisible();
  await gotoRedirected(page, '/');
  await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
  // The lock page leads back to the kiosk, and nowhere else without a code.
  await expect(page.getByRole('link', { name: 'Terug naar de kiosk' })).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page.getByText('Trajecten')).toHaveCount(0);
  // Taking kiosk=1 off the address, or opening another survey: still the kiosk.
  await gotoRedirected(page, '/enquete/#s=wijkplein-bezoek&loc=wijkplein-zuid');
  await expect(page).toHaveURL(kiosk);
  await gotoRedirected(page, '/enquete/#s=kto');
  await expect(page).toHaveURL(kiosk);
  await expect(page.getByRole('button', { name: 'Beheer' })).toBeVisible();

  await page.getByRole('button', { name: 'Beheer' }).click();
  await page.getByLabel('Code', { exact: true }).fill('999999');
  await page.getByRole('button', { name: 'Openen' }).click();
  await expect(page.getByText('Deze code klopt niet.')).toBeVisible();
  await page.getByRole('link', { name: 'Terug naar de kiosk' }).click();
  await expect(page).toHaveURL(kiosk);
  // A volunteer leaves to the registration; the device is no kiosk any more.
  await page.getByRole('button', { name: 'Beheer' }).click();
  await page.getByLabel('Code', { exact: true }).fill(CODES.volunteer);
  await page.getByRole('button', { name: 'Openen' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await page.goto('/enquete/#s=wijkplein-bezoek');
  await expect(page).toHaveURL(/#s=wijkplein-bezoek$/);
  // And may start it again from the settings.
  await page.goto('/#/instellingen');
  await page.getByRole('button', { name: 'Kiosk starten' }).click();
  await expect(page).toHaveURL(kiosk);
});

test('an unlocked app locks itself after the idle time the coordinator set', async ({ page, context }) => {
  await device(context, { role: 'coordinator', idle: 60 });
  await page.clock.install();
  await page.goto('/beheer/#/instellingen');
  await page.getByLabel('Vergrendelen na').selectOption({ label: '1 minuut' });
  await expect(page.getByText('Bewaard.', { exact: true })).toBeVisible();
  await page.goto('/#/instellingen');
  await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
  // Half a minute before it locks, it says so (WCAG 2.2.1): not before.
  const warning = page.getByRole('alert').filter({ hasText: 'Wijkpeil vergrendelt binnen een halve minuut' });
  await page.clock.fastForward('00:25');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('00:10');
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Ik werk nog' })).toBeVisible();
  await expectNoAxeViolations(page);
  // One key keeps the app open, and the warning goes.
  await page.keyboard.press('Shift');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('00:50');
  await expect(page.getByRole('heading', { name: 'Instellingen' })).toBeVisible();
  await expect(warning).toBeVisible();
  await page.clock.fastForward('00:20');
  await expect(page).toHaveURL(/\/ontgrendelen\/#naar=%2F%23%2Finstellingen$/);
  await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
});

test('a device from before the lock keeps its data, and asks its old kiosk code before codes are set', async ({ page }) => {
  await page.goto('/ontgrendelen/');
  await page.evaluate(() =>
    localStorage.setItem('wijkpeil.settings', JSON.stringify({ location: 'wijkplein-noord', lang: 'nl', kiosk_pin: '2468' })),
  );
  await page.reload();
  const old = page.getByLabel('Huidige kioskcode');
  await old.fill('1357');
  await page.getByLabel('Code van de coördinator', { exact: true }).fill(CODES.coordinator);
  await page.getByLabel('Code van de coördinator, nog een keer').fill(CODES.coordinator);
  await page.getByRole('button', { name: 'Codes instellen' }).click();
  await expect(old).toHaveAccessibleDescription(/Deze kioskcode klopt niet/);
  await old.fill('2468');
  await page.getByRole('button', { name: 'Codes instellen' }).click();
  // Its location and language were kept; the old kiosk code is gone.
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  await expect(page.getByText('Wijkplein Noord')).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => localStorage.getItem('wijkpeil.settings'))).kiosk_pin).toBe('');
});

test("the coordinator changes the volunteers' code; a lost coordinator's code ends in a wipe", async ({ page, context }) => {
  await device(context, { role: 'coordinator', settings: { location: 'wijkplein-noord', lang: 'nl' } });
  await page.goto('/');
  await registerCommonContact(page);
  await page.goto('/beheer/#/instellingen');
  await page.getByRole('link', { name: 'Codes wijzigen' }).click();
  await expect(page.getByRole('heading', { name: 'Codes wijzigen' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Huidige code van de coördinator').fill('000000');
  await page.getByLabel('Nieuwe code voor vrijwilligers', { exact: true }).fill('975310');
  await page.getByLabel('Nieuwe code voor vrijwilligers, nog een keer').fill('975310');
  await page.getByRole('button', { name: 'Codes opslaan' }).click();
  await expect(page.getByLabel('Huidige code van de coördinator')).toHaveAccessibleDescription(/klopt niet/);
  await page.getByLabel('Huidige code van de coördinator').fill(CODES.coordinator);
  await page.getByRole('button', { name: 'Codes opslaan' }).click();
  await expect(page.getByText('De codes zijn opgeslagen.')).toBeVisible();
  await page.goto('/');
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await unlock(page, CODES.volunteer);
  await expect(page.getByText('Deze code klopt niet.')).toBeVisible();
  await unlock(page, '975310');
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();

  // Nobody knows the coordinator's code any more.
  await page.getByRole('button', { name: 'Vergrendelen' }).click();
  await page.getByRole('button', { name: 'Code vergeten?' }).click();
  await page.getByRole('button', { name: 'Dit apparaat wissen…' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Typ WISSEN om te bevestigen').fill('wis');
  await page.getByRole('button', { name: 'Alles op dit apparaat wissen' }).click();
  await expect(page.getByLabel('Typ WISSEN om te bevestigen')).toHaveAccessibleDescription(/Typ het woord WISSEN/);
  await page.getByLabel('Typ WISSEN om te bevestigen').fill('WISSEN');
  await page.getByRole('button', { name: 'Alles op dit apparaat wissen' }).click();
  await expect(page.getByText('Dit apparaat is gewist. Stel nieuwe codes in.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dit apparaat beveiligen' })).toBeVisible();
  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    keys: Object.keys(localStorage).filter((k) => k !== 'wijkpeil.test-setup'),
  }));
  expect(left.databases).not.toContain('wijkpeil');
  expect(left.keys).toEqual([]);
});
