// Hostile input and the browser's surface (issue 11). Every built page has
// a Content-Security-Policy whose script-src allows no inline script, holds
// no inline script or event handler attribute (tools/external-scripts.mjs),
// and still starts under that policy. Free text that looks like markup, typed
// in a form, answered by a resident, imported from a file or packed in a
// survey link, shows as the very text it is, and nothing in it runs.
//
// Two layers are checked apart: the text must read back literally (so the
// app escaped it: no element was made of it), and no script may run or be
// blocked (window.__pwned is never set; no securitypolicyviolation, which is
// what the policy reports when it stops an injected handler).
import { test, expect } from './fixtures.mjs';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chooseExportFile, chooseLocation, meta, waitForServiceWorker } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(root, process.env.E2E_DIST || 'dist');

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

test.use({ viewport: { width: 1280, height: 900 } });

/** Every page of the build, as the address it is served at. */
function builtPages(dir = dist) {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return builtPages(file);
    if (!name.endsWith('.html')) return [];
    const address = '/' + path.relative(dist, file).split(path.sep).join('/');
    return [address.replace(/(^|\/)index\.html$/, '$1')];
  });
}

/**
 * Watches every page of the context from its first script on: a write to
 * window.__pwned, a securitypolicyviolation, an uncaught error, a console
 * error. Each list must stay empty.
 */
async function watchHostile(context) {
  const seen = { pwned: [], violations: [], errors: [] };
  await context.exposeBinding('__hostileReport', (_source, kind, detail) => seen[kind].push(detail));
  await context.addInitScript(() => {
    Object.defineProperty(window, '__pwned', {
      configurable: false,
      get: () => undefined,
      set: (value) => window.__hostileReport('pwned', `${location.href}: ${value}`),
    });
    const report = (e) =>
      window.__hostileReport('violations', `${e.violatedDirective} ${e.blockedURI || '(inline)'} at ${e.documentURI}`);
    // Fired at the element or the document; both pass the window.
    window.addEventListener('securitypolicyviolation', report, true);
  });
  context.on('weberror', (error) => seen.errors.push(error.error().message));
  context.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(`${message.location().url}: ${message.text()}`);
  });
  return seen;
}

/** The hostile text shows as text; no element was made of it. */
async function expectLiteral(locator) {
  await expect(locator).toBeVisible();
  expect(await locator.evaluate((el) => el.textContent)).toContain(HOSTILE);
  expect(await locator.locator('script, img').count()).toBe(0);
}

async function expectNothingRan(page, seen) {
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(seen.pwned).toEqual([]);
  expect(seen.violations).toEqual([]);
  // Nor an error: a stopped handler is one, as is any failure to start.
  expect(seen.errors).toEqual([]);
}

test('every built page allows no inline script and holds none', async ({ request }) => {
  const pages = builtPages();
  // The three apps at least; a new page is checked as soon as it is built.
  for (const page of ['/', '/enquete/', '/beheer/']) expect(pages).toContain(page);
  for (const address of pages) {
    const response = await request.get(address);
    expect(response.status(), address).toBe(200);
    const html = await response.text();
    const policies = [...html.matchAll(/<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*content="([^"]*)"/gi)].map((m) => m[1]);
    expect(policies, address).toHaveLength(1);
    const directives = Object.fromEntries(
      policies[0]
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...sources]) => [name, sources]),
    );
    expect(directives['script-src'], address).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['default-src'], address).toEqual(["'self'"]);
    const markup = html.replace(/<!--[\s\S]*?-->/g, '');
    const scripts = [...markup.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(scripts.length, address).toBeGreaterThan(0);
    for (const [script, attributes, text] of scripts) {
      expect(attributes, `${address}: ${script}`).toMatch(/\ssrc="\/[^"]+"/);
      expect(text.trim(), `${address}: ${script}`).toBe('');
      // Each moved script is served, as JavaScript.
      const src = attributes.match(/\ssrc="([^"]+)"/)[1];
      const file = await request.get(src);
      expect(file.status(), src).toBe(200);
      expect(file.headers()['content-type'], src).toMatch(/^text\/javascript/);
    }
    expect(markup.match(/<[a-z][^>]*\son[a-z]+\s*=/gi), address).toBeNull();
    expect(markup.match(/javascript:/gi), address).toBeNull();
  }
});

test('every built page starts under its strict policy, its service worker and the data worker too', async ({ page, context }) => {
  const seen = await watchHostile(context);
  for (const address of builtPages()) {
    await page.goto(address);
    // Trunk's start-up module (or the coordinator's loader) ran the wasm,
    // and sw-register.js ran; or the policy stopped something (said at once).
    const started = () => page.evaluate(() => window.wasmBindings !== undefined && typeof window.wijkpeilDeliver === 'function');
    await expect.poll(async () => seen.violations.length > 0 || (await started()), { timeout: 30_000 }).toBe(true);
    expect(seen.violations, address).toEqual([]);
    await waitForServiceWorker(page);
  }
  // The data worker (Trunk's worker loader) starts and answers: the import
  // screen's preview runs in it.
  await page.goto('/beheer/#/instellingen');
  const empty = { format: 'wijkpeil-export', format_version: 3, exported_at: '2026-01-02T10:00:00.000Z', device_id: 'x' };
  await chooseExportFile(page, JSON.stringify(empty), 'leeg.json');
  await expect(page.getByText('Dit bestand bevat niets nieuws voor dit apparaat.')).toBeVisible();
  await expectNothingRan(page, seen);
});

test('the watch sees what it watches for: markup made of the text is stopped and reported', async ({ page, context }) => {
  const seen = await watchHostile(context);
  await page.goto('/beheer/');
  await expect(page.getByRole('heading', { name: 'Enquêtes', level: 1 })).toBeVisible();
  // What a screen that set inner_html would do with the text.
  await page.evaluate((text) => {
    const div = document.createElement('div');
    div.id = 'as-markup';
    div.innerHTML = text;
    document.body.append(div);
  }, HOSTILE);
  // The image fails to load; the policy stops its inline handler and says so.
  await expect.poll(() => seen.violations).toEqual([expect.stringMatching(/^script-src-attr inline /)]);
  expect(seen.pwned).toEqual([]);
  // The console says so too.
  expect(seen.errors).toEqual([expect.stringContaining('violates the following Content Security Policy directive')]);
  await expect(page.locator('#as-markup')).not.toHaveText(HOSTILE);
  expect(await page.locator('img[src="x"]').count()).toBe(1);
});

test('a contact\'s note shows as typed', async ({ page, context }) => {
  const seen = await watchHostile(context);
  await chooseLocation(page);
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByText('Meer details (niet verplicht)').click();
  await page.getByLabel('Korte notitie').fill(HOSTILE);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await expect(page.locator('.status')).toContainText('Opgeslagen om');
  await page.reload();
  await page.getByRole('button', { name: /^Contact van \d\d:\d\d over Financiën wijzigen$/ }).click();
  await expect(page.getByRole('heading', { name: 'Contact wijzigen' })).toBeVisible();
  await expect(page.getByLabel('Korte notitie')).toHaveValue(HOSTILE);
  await expectNothingRan(page, seen);
});

test('a trajectory\'s goal and contact moment show as typed', async ({ page, context }) => {
  const seen = await watchHostile(context);
  await page.goto('/beheer/#/trajecten/nieuw');
  await expect(page.getByRole('heading', { name: 'Nieuw traject' })).toBeVisible();
  await page.getByLabel('Leeftijdsgroep').selectOption('27-64');
  await page.getByRole('checkbox', { name: 'Financiën' }).check();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel('Doel 1', { exact: true }).fill(HOSTILE);
  await page.getByRole('button', { name: 'Traject opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Traject TR-[2-9A-Z-]+ opgeslagen\./ })).toBeVisible();
  await page.getByLabel('Kanaal').selectOption('huisbezoek');
  await page.getByLabel('Korte notitie (niet verplicht, geen namen)').fill(HOSTILE);
  await page.getByRole('button', { name: 'Contactmoment toevoegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contactmoment opgeslagen.' })).toBeVisible();
  await page.reload();
  await expectLiteral(page.getByRole('listitem').filter({ hasText: 'window.__pwned=1' }).filter({ hasText: '(Financiën)' }));
  await expectLiteral(page.locator('.moments li'));
  await expectNothingRan(page, seen);
});

test('a resident\'s open answer shows as typed, as a quote in the jaarbeeld', async ({ page, context }) => {
  const seen = await watchHostile(context);
  await page.goto('/enquete/#s=kto-traject');
  await page.getByRole('button', { name: 'Beginnen' }).click();
  await page.getByRole('radio', { name: '8', exact: true }).check();
  for (let i = 0; i < 6; i += 1) await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('textbox', { name: 'Wat ging goed?' }).fill(HOSTILE);
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('button', { name: 'Versturen' }).click();
  await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();

  await page.goto('/beheer/#/jaarbeeld');
  await expect(page.getByRole('heading', { name: 'Jaarbeeld', level: 1 })).toBeVisible();
  await expectLiteral(page.locator('blockquote').filter({ hasText: 'window.__pwned=1' }));
  await expect(page.locator('blockquote').filter({ hasText: 'window.__pwned=1' })).toHaveText(HOSTILE);
  await expectNothingRan(page, seen);
});

// An imported file is anyone's text: each record's free text and a list's
// label (the file's name too, though no screen shows it now).
function hostileExport() {
  const year = new Date().getFullYear();
  const day = `${year}-01-02`;
  const at = `${day}T11:00:00.000Z`;
  return JSON.stringify({
    format: 'wijkpeil-export',
    format_version: 3,
    exported_at: at,
    device_id: 'tablet-hub',
    contacts: [],
    survey_responses: [
      {
        ...meta('survey_response', 1, `${day}T00:00:00.000Z`),
        survey_id: 'kto-traject',
        survey_version: 1,
        date: day,
        lang: 'nl',
        answers: { cijfer: { number: 8 }, goed: { text: HOSTILE } },
        location: 'wijkplein-noord',
      },
    ],
    surveys: [],
    trajectories: [
      {
        ...meta('trajectory', 1, at),
        code: 'TR-ABCD-EF',
        start: day,
        referrer: 'huisarts',
        age_band: '27-64',
        household: null,
        main_domains: ['financien'],
        goals: [{ text: HOSTILE, domain: 'financien' }],
        intake: { date: day, scores: { financien: 'not_self_reliant' } },
        positive_health: null,
        contact_moments: [{ date: day, channel: 'huisbezoek', note: HOSTILE }],
        closing: null,
      },
    ],
    activities: [],
    initiatives: [],
    org_lists: [
      {
        ...meta('org_list', 1, at),
        id: '00000000-0000-8000-8000-000000000001',
        list: 'locations',
        terms: [
          { code: 'wijkplein-noord', label: { nl: 'Wijkplein Noord' } },
          { code: 'wijkplein-vreemd', label: { nl: HOSTILE } },
        ],
      },
    ],
  });
}

test('an imported file\'s texts show as written', async ({ page, context }) => {
  const seen = await watchHostile(context);
  await page.goto('/beheer/#/instellingen');
  await chooseExportFile(page, hostileExport(), `${HOSTILE}.json`);
  await expect(page.getByTestId('import-preview')).toContainText('Nieuw op dit apparaat3');
  await page.getByRole('button', { name: '3 wijzigingen importeren' }).click();
  await expect(page.getByTestId('import-message')).toContainText('Import klaar: 3 nieuw');
  await expectNothingRan(page, seen);

  // The list's label, as a location to choose.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Waar staat dit apparaat?' })).toBeVisible();
  await expectLiteral(page.getByRole('button', { name: HOSTILE, exact: true }));
  await expectNothingRan(page, seen);

  // The trajectory's goal and contact moment.
  await page.goto('/beheer/#/trajecten');
  await page.getByRole('link', { name: /TR-ABCD-EF/ }).click();
  await expect(page.getByRole('heading', { name: 'Traject TR-ABCD-EF' })).toBeVisible();
  await expectLiteral(page.getByRole('listitem').filter({ hasText: 'window.__pwned=1' }).filter({ hasText: '(Financiën)' }));
  await expectLiteral(page.locator('.moments li'));
  await expectNothingRan(page, seen);

  // The survey answer, as a quote.
  await page.goto('/beheer/#/jaarbeeld');
  await expect(page.locator('blockquote').filter({ hasText: 'window.__pwned=1' })).toHaveText(HOSTILE);
  await expectNothingRan(page, seen);
});

test('a survey definition packed in a link shows its texts as written', async ({ page, context }) => {
  const seen = await watchHostile(context);
  // An own survey's link, as the coordinator app makes it.
  await page.goto('/beheer/');
  const visit = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
  await visit.getByRole('button', { name: 'Kopie maken' }).click();
  await page.getByLabel('Titel (Nederlands)').fill('Eigen enquête');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 1.')).toBeVisible();
  await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
  const own = page.locator('.survey-card').filter({ hasText: 'Eigen enquête' });
  await expect(own.getByRole('link')).toHaveAttribute('href', /&d=/);
  const href = await own.getByRole('link').getAttribute('href');

  // Someone makes a link of their own: the same definition with every
  // Dutch text of the survey and its first question replaced.
  const packed = new URL(href).hash.match(/&d=([A-Za-z0-9_-]+)/)[1];
  const hostile = await page.evaluate(
    async ([packed, text]) => {
      const definition = JSON.parse(await window.wijkpeilCodec.unpack(packed));
      const replace = (localized) => {
        if (localized && typeof localized === 'object' && 'nl' in localized) localized.nl = text;
      };
      replace(definition.title);
      replace(definition.intro);
      const first = definition.sections[0].questions[0];
      for (const value of Object.values(first)) replace(value);
      return window.wijkpeilCodec.pack(JSON.stringify(definition));
    },
    [packed, HOSTILE],
  );
  await page.goto(href.replace(packed, hostile));
  await expectLiteral(page.getByRole('heading', { name: HOSTILE, exact: true }));
  await page.getByRole('button', { name: 'Beginnen' }).click();
  await expect(page.getByText('Vraag 1 van 3')).toBeVisible();
  await expectLiteral(page.getByRole('heading', { name: 'window.__pwned=1' }).first());
  await expectNothingRan(page, seen);
});

test('a packed link that would unpack to megabytes is refused after 512 kB, and the survey is not found', async ({ page }) => {
  await page.goto('/enquete/#s=kto');
  await page.waitForFunction(() => window.wijkpeilCodec);
  // A valid definition followed by 20 MB of spaces: 20 kB deflated, within a link's 64 kB.
  const definition = JSON.stringify({ id: 'eigen-bom', version: 1, status: 'published', languages: ['nl'], title: { nl: 'Bom' }, sections: [] });
  const bomb = deflateRawSync(Buffer.concat([Buffer.from(definition), Buffer.alloc(20 * 1024 * 1024, ' ')])).toString('base64url');
  expect(bomb.length).toBeLessThan(64 * 1024);
  const small = deflateRawSync(Buffer.from(definition)).toString('base64url');
  const outcome = (packed) =>
    page.evaluate((packed) => window.wijkpeilCodec.unpack(packed).then((text) => text.length, (error) => error.name), packed);
  expect(await outcome(small)).toBe(definition.length);
  expect(await outcome(bomb)).toBe('RangeError');

  await page.goto(`/enquete/#s=eigen-bom&d=${bomb}`);
  await expect(page.getByText('Deze enquête is niet gevonden', { exact: false })).toBeVisible();
});
