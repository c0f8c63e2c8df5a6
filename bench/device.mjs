// The staff lock in the benchmarks: a device whose staff codes are set up,
// and tabs that are unlocked on it.
//
// The staff apps (`/`, `/beheer/`) open only in a tab that holds a session
// (sessionStorage `wijkpeil.session`, `role:<last active, ms>:<idle
// minutes>`, written by an unlock on the lock page `/ontgrendelen/`); a
// device without codes shows the lock page's set-up ("Dit apparaat
// beveiligen") instead. Setting the codes up also makes the device's text
// key (free text at rest, `domain::at_rest`): wrapped under each code in
// the lock config (localStorage `wijkpeil.lock`), unwrapped into the tab
// (sessionStorage `wijkpeil.textkey`) on every unlock. The resident survey
// app (`/enquete/`) has no lock.
//
// Two ways in, both with the staff codes of tests/e2e/fixtures.mjs:
// - `setUpOnLockPage(page, url)` / `setUpDevice(context, url)`: the codes
//   typed into the lock page in that profile, as at a new tablet (its real
//   PBKDF2 and key wrapping); later tabs of the context get the session and
//   the text key before their scripts run (`giveSession`), as an unlock
//   writes them.
// - `prepareDevice(browser, url)` once, then `asDevice(context, device)` on
//   every fresh context: the lock config (and the rest of what the set-up
//   left in localStorage) that one real set-up made, with a session and the
//   text key, injected before any page script (the approach of
//   tests/e2e/fixtures.mjs `unlocked()`, but with a text key): a device that
//   has its codes, while the context's HTTP cache and service workers stay
//   empty (bench/measure.mjs's cold loads).
//
// The device's idle time is 60 minutes (the longest the coordinator can
// choose; the e2e fixtures use it too): a long phase without a touch (a
// 100,000-record import, a year being seeded) must not lock a tab while it
// is measured.

export const CODES = { coordinator: '246810', volunteer: '135790' };
// What the staff apps keep sealed with the text key, per store
// (domain::at_rest::free_text_paths_joined), as public/at-rest.js takes it.
export const FREE_TEXT = { contacts: 'note initials', trajectories: 'goals.*.text contact_moments.*.note', initiatives: 'support.*.note' };
export const IDLE_MINUTES = 60;

// What a set-up leaves in localStorage that is not the device's lock: the
// benchmark's own settings, and the device id each profile makes itself.
const NOT_LOCK = ['wijkpeil.settings', 'wijkpeil.device_id'];

/**
 * Sets the device of `page`'s profile up on the lock page: opens `url` (a
 * staff app's address; the app hands over to the lock page), types the
 * staff codes, and waits for the volunteer app the lock page then opens
 * (the device's settings must already name a location: an init script of
 * the caller). Returns `{ session, textKey, local }`: the tab's session and
 * text key as the set-up wrote them, and what the set-up stored in
 * localStorage (the lock config with the wrapped text key among it).
 */
export async function setUpOnLockPage(page, url, label = 'device') {
  await page.goto(url, { waitUntil: 'load' });
  await page.getByLabel('Code van de coördinator', { exact: true }).fill(CODES.coordinator);
  await page.getByLabel('Code van de coördinator, nog een keer').fill(CODES.coordinator);
  await page.getByLabel('Code voor vrijwilligers', { exact: true }).fill(CODES.volunteer);
  await page.getByLabel('Code voor vrijwilligers, nog een keer').fill(CODES.volunteer);
  await page.getByRole('button', { name: 'Codes instellen' }).click();
  await page.getByRole('heading', { name: 'Nieuw contact' }).waitFor({ timeout: 60_000 });
  const device = await page.evaluate(
    ({ idle, notLock }) => {
      // The coordinator's choice of idle time, and this tab's session with it.
      localStorage.setItem('wijkpeil.lock_idle', String(idle));
      const session = sessionStorage.getItem('wijkpeil.session');
      if (session) {
        const [role, last] = session.split(':');
        sessionStorage.setItem('wijkpeil.session', `${role}:${last}:${idle}`);
      }
      const local = {};
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k.startsWith('wijkpeil.') && !notLock.includes(k)) local[k] = localStorage.getItem(k);
      }
      return { session: sessionStorage.getItem('wijkpeil.session'), textKey: sessionStorage.getItem('wijkpeil.textkey'), local };
    },
    { idle: IDLE_MINUTES, notLock: NOT_LOCK },
  );
  if (!device.session || !device.textKey || !device.local['wijkpeil.lock']) {
    throw new Error(`${label}: no session, text key or lock config after setting up the codes: ${JSON.stringify({ session: !!device.session, textKey: !!device.textKey, local: Object.keys(device.local) })}`);
  }
  return device;
}

// Before any page script, on every navigation: a tab that holds no session
// gets one for `role` (the set-up's when null), active now, with the
// device's text key, as an unlock writes them.
function sessionScript({ session, textKey, role }) {
  try {
    if (!sessionStorage.getItem('wijkpeil.session')) {
      const [own, , idle] = session.split(':');
      sessionStorage.setItem('wijkpeil.session', `${role || own}:${Date.now()}:${idle}`);
      if (textKey) sessionStorage.setItem('wijkpeil.textkey', textKey);
    }
  } catch {
    /* about:blank has no storage */
  }
}

// Before any page script, on every navigation of a fresh context: the
// device's lock config and the rest of what its set-up stored, unless the
// device holds a lock config already (a wipe, a change of codes).
function lockScript(local) {
  try {
    if (!localStorage.getItem('wijkpeil.lock')) {
      for (const [k, v] of Object.entries(local)) localStorage.setItem(k, v);
    }
  } catch {
    /* about:blank has no storage */
  }
}

/** Every later tab of `context` unlocked as `role` (default: the set-up's, the coordinator), with the text key. */
export async function giveSession(context, device, role = null) {
  await context.addInitScript(sessionScript, { session: device.session, textKey: device.textKey, role });
}

/**
 * Sets up the device of `context` (a persistent profile, say) on the lock
 * page in its first tab, waits until the volunteer app the lock page opens
 * has made its database (form usable, today's list read), and unlocks every
 * later tab as `role`. The first tab stays on the volunteer app; returns
 * `{ device, page }`.
 */
export async function setUpDevice(context, url, { role = null, label = 'device' } = {}) {
  const page = context.pages()[0] || (await context.newPage());
  const device = await setUpOnLockPage(page, url, label);
  await page.locator('button[type=submit]:not([disabled])').waitFor({ timeout: 60_000 });
  await page.locator('section.today ul.today-list, section.today p.empty').first().waitFor({ timeout: 60_000 });
  await giveSession(context, device, role);
  return { device, page };
}

/**
 * A device set up once on the lock page, in a throwaway context of
 * `browser` (service workers blocked, closed after), for `asDevice`.
 * `settings`: the device settings the volunteer app needs to show its form.
 */
export async function prepareDevice(browser, url, settings) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.addInitScript((s) => {
      try {
        localStorage.setItem('wijkpeil.settings', JSON.stringify(s));
      } catch {
        /* about:blank */
      }
    }, settings);
    const page = await context.newPage();
    return await setUpOnLockPage(page, url, 'device (prepared)');
  } finally {
    await context.close();
  }
}

/** `context` on the prepared `device`: its lock config, and every tab unlocked as `role` (default the coordinator) with the text key. */
export async function asDevice(context, device, role = null) {
  await context.addInitScript(lockScript, device.local);
  await giveSession(context, device, role);
}
