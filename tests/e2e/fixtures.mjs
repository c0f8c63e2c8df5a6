// The staff lock in the e2e specs. Every spec but lock.spec tests what
// staff do once they are in, so its pages start on a device that was set
// up with these codes and in a tab that is unlocked as coordinator: the
// same localStorage and sessionStorage values the lock page writes
// (the session as `role:<last active, ms>:<idle minutes>`)
// (src/lock/, domain::lock), put there before any page script runs. A spec
// that locks on purpose uses @playwright/test's own `test` (lock.spec).
import { test as base, expect } from '@playwright/test';
import { pbkdf2Sync } from 'node:crypto';

export { expect };

export const CODES = { coordinator: '246810', volunteer: '135790' };

/** A stored credential as `passcode::credential` makes it (few iterations: the count is stored with it). */
export function credential(code, saltHex, iterations = 1000) {
  const hash = pbkdf2Sync(code, Buffer.from(saltHex, 'hex'), iterations, 32, 'sha256').toString('hex');
  return { salt: saltHex, iterations, hash };
}

export const LOCK = {
  coordinator: credential(CODES.coordinator, '00112233445566778899aabbccddeeff'),
  volunteer: credential(CODES.volunteer, 'ffeeddccbbaa99887766554433221100'),
  failures: 0,
  retry_at_ms: 0,
};

/** Sets up the device and unlocks each new tab of `context` as `role`, on every page load that finds none. */
export async function unlocked(context, role = 'coordinator') {
  await context.addInitScript(
    ([lock, role]) => {
      try {
        if (!localStorage.getItem('wijkpeil.lock')) localStorage.setItem('wijkpeil.lock', lock);
        if (!sessionStorage.getItem('wijkpeil.session')) {
          sessionStorage.setItem('wijkpeil.session', `${role}:${Date.now()}:60`);
        }
      } catch {
        // An opaque origin (about:blank) has no storage.
      }
    },
    [JSON.stringify(LOCK), role],
  );
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await unlocked(context);
    await use(context);
  },
  // Contexts a spec makes itself (a second tablet, a phone) too.
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await unlocked(context);
        return context;
      };
      await use(browser);
      browser.newContext = newContext;
    },
    { scope: 'worker' },
  ],
});
