// Every screen with the keyboard only, as its users meet it: Tab reaches
// every control in order, each with a visible focus (WCAG 2.1.1, 2.4.7),
// a focused field never hides behind the sticky save bar (2.4.11); the
// screens at 200% zoom and 320 px wide need no sideways scrolling
// (1.4.10); and with the text spacing of WCAG 1.4.12 no text is cut off.
// The record screens (a trajectory, its closing, an activity, an
// initiative, the survey editor) are opened on records imported first.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, importExportFile, meta } from './helpers.mjs';

const TRAJECTORY = '0193a1c2-0000-7000-8000-00000000a001';
const ACTIVITY = '0193a1c2-0000-7000-8000-00000000a002';
const INITIATIVE = '0193a1c2-0000-7000-8000-00000000a003';
const DAY = '2026-10-05';
const AT = `${DAY}T09:00:00.000Z`;

function records() {
  return JSON.stringify({
    format: 'wijkpeil-export',
    format_version: 3,
    exported_at: AT,
    device_id: 'tablet-hub',
    contacts: [],
    survey_responses: [],
    surveys: [],
    trajectories: [
      {
        ...meta('trajectory', 1, AT),
        id: TRAJECTORY,
        code: 'TR-ABCD-EF',
        start: DAY,
        referrer: 'huisarts',
        age_band: '27-64',
        household: null,
        main_domains: ['financien'],
        goals: [{ text: 'Overzicht in de post', domain: 'financien' }],
        intake: { date: DAY, scores: { financien: 'not_self_reliant' } },
        positive_health: null,
        contact_moments: [{ date: DAY, channel: 'huisbezoek', note: 'Post doorgenomen' }],
        closing: null,
      },
    ],
    activities: [
      {
        ...meta('activity', 1, AT),
        id: ACTIVITY,
        title: 'Taalcafé',
        activity_kind: 'activity',
        theme: 'financien',
        location: 'Buurthuis De Kroon',
        survey: 'groepsactiviteit',
        meetings: [
          { date: DAY, held: true, participants: 8, first_time: 2, volunteers: 1 },
          { date: '2026-10-12', held: false, participants: 0, first_time: 0, volunteers: 0 },
        ],
      },
    ],
    initiatives: [
      {
        ...meta('initiative', 1, AT),
        id: INITIATIVE,
        initiative_kind: 'residents_initiative',
        name: 'Moestuin Oost',
        participants: 12,
        start: DAY,
        status: 'running',
        support: [{ date: DAY, note: 'Subsidie uitgelegd' }],
      },
    ],
    org_lists: [],
  });
}

/** Opens the survey editor on a copy of the visit survey. */
async function openEditor(page) {
  await page.goto('/beheer/#/enquetes');
  await page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' }).getByRole('button', { name: 'Kopie maken' }).click();
  await expect(page.locator('.survey-editor h1')).toBeVisible();
}

// [name, address, needs the imported records]. The kiosk has its staff
// button fixed in a corner: no focused element may end up wholly under it.
const SCREENS = [
  ['registration', '/', false],
  ['settings', '/#/instellingen', false],
  ['survey start', '/enquete/#s=clientenonderzoek', false],
  ['kiosk', '/enquete/#s=wijkplein-bezoek&loc=wijkplein-zuid&kiosk=1', false],
  ['surveys', '/beheer/#/enquetes', false],
  ['survey editor', openEditor, false],
  ['trajectories', '/beheer/#/trajecten', true],
  ['new trajectory', '/beheer/#/trajecten/nieuw', false],
  ['a trajectory', `/beheer/#/trajecten/${TRAJECTORY}`, true],
  ['changing its intake', `/beheer/#/trajecten/${TRAJECTORY}/wijzigen`, true],
  ['closing it', `/beheer/#/trajecten/${TRAJECTORY}/afsluiten`, true],
  ['activities', '/beheer/#/activiteiten', true],
  ['new activity', '/beheer/#/activiteiten/nieuw', false],
  ['an activity', `/beheer/#/activiteiten/${ACTIVITY}`, true],
  ['changing it', `/beheer/#/activiteiten/${ACTIVITY}/wijzigen`, true],
  ['initiatives', '/beheer/#/initiatieven', true],
  ['new initiative', '/beheer/#/initiatieven/nieuw', false],
  ['an initiative', `/beheer/#/initiatieven/${INITIATIVE}`, true],
  ['lists', '/beheer/#/lijsten', false],
  ['coordinator settings', '/beheer/#/instellingen', false],
  ['jaarbeeld', '/beheer/#/jaarbeeld', true],
  ['unlocking', '/ontgrendelen/', false],
  ['changing the codes', '/ontgrendelen/#wijzigen', false],
  ['wiping the device', '/ontgrendelen/#wissen', false],
  ['the answer key', '/ontgrendelen/#sleutel', false],
];

/**
 * Tabs from the top of the page until the focus comes round again. Each
 * stop: visible, with a visible focus indicator (its own, or its tile's or
 * label's), and not hidden behind a sticky bar at the bottom. Returns the
 * problems, and the controls Tab never reached.
 */
async function walkWithTab(page) {
  // Tab starts after the focused element: start from the top of the page.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll('[data-kb-reached]')) delete el.dataset.kbReached;
    const start = document.createElement('span');
    start.tabIndex = -1;
    start.id = 'kb-start';
    document.body.prepend(start);
    start.focus();
  });
  const problems = [];
  let first = null;
  let last = null;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (i === 0) await page.evaluate(() => document.getElementById('kb-start')?.remove());
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return { done: true };
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40)}"`;
      const seen = el.dataset.kbReached === '1';
      el.dataset.kbReached = '1';
      const rect = el.getBoundingClientRect();
      const shown = rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      const indicated = [el, el.closest('.tile'), el.closest('label')].filter(Boolean).some((e) => {
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      });
      // Not entirely behind a sticky or fixed bar that does not hold it.
      let covered = false;
      for (const bar of document.querySelectorAll('.actions, .kiosk-exit')) {
        const pos = getComputedStyle(bar).position;
        if ((pos !== 'sticky' && pos !== 'fixed') || bar.contains(el)) continue;
        const b = bar.getBoundingClientRect();
        if (rect.top >= b.top && rect.bottom <= b.bottom && rect.left >= b.left && rect.right <= b.right) covered = true;
      }
      const offscreen = rect.bottom <= 0 || rect.top >= innerHeight;
      return { name, seen, shown, indicated, covered, offscreen };
    });
    if (stop.done) break;
    // Tab moves through a date field's day, month and year first.
    if (stop.name === last) continue;
    last = stop.name;
    if (stop.seen) {
      if (first === stop.name) break;
      problems.push(`focus came back to ${stop.name} before the end`);
      break;
    }
    first ??= stop.name;
    if (!stop.shown) problems.push(`${stop.name}: focused but not visible`);
    if (!stop.indicated) problems.push(`${stop.name}: no visible focus`);
    if (stop.covered) problems.push(`${stop.name}: hidden behind a sticky bar`);
    if (stop.offscreen) problems.push(`${stop.name}: focused outside the window`);
  }
  const unreached = await page.evaluate(() => {
    const controls = document.querySelectorAll(
      'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex="0"]',
    );
    const reachedRadios = new Set(
      [...document.querySelectorAll('input[type=radio][data-kb-reached]')].map((r) => r.name),
    );
    return [...controls]
      .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }))
      .filter((el) => !el.closest('[inert]'))
      .filter((el) => el.dataset.kbReached !== '1')
      .filter((el) => !(el.type === 'radio' && reachedRadios.has(el.name)))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`);
  });
  return { problems, unreached };
}

/** When the page scrolls sideways: the elements that stick out (else none). */
const sideways = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}#${el.id} → ${Math.round(el.getBoundingClientRect().right)} px`);
  });

/** Elements whose text is cut off: more content than box, with the rest hidden. */
function clippedText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main *, header *')]
      .filter((el) => el.checkVisibility({ checkVisibilityCSS: true }) && el.textContent.trim())
      .filter((el) => {
        const s = getComputedStyle(el);
        const hidesX = ['hidden', 'clip'].includes(s.overflowX);
        const hidesY = ['hidden', 'clip'].includes(s.overflowY);
        if (el.closest('.visually-hidden, .nl-skip-link')) return false;
        return (hidesX && el.scrollWidth > el.clientWidth + 1) || (hidesY && el.scrollHeight > el.clientHeight + 1);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`),
  );
}

/** The text spacing WCAG 1.4.12 asks a page to take without loss. */
const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

async function open(page, address) {
  // A fresh load: an address in another area of Beheer loads that area's
  // build, which must not happen halfway through the walk.
  await page.goto('about:blank');
  if (typeof address === 'function') await address(page);
  else await page.goto(address);
  await expect(page.locator('main h1').first()).toBeVisible();
}

for (const [name, address, needsRecords] of SCREENS) {
  test(`${name}: keyboard only, focus not obscured, 200% zoom, 320 px and text spacing`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 640 });
    await chooseLocation(page);
    if (needsRecords) await importExportFile(page, records());
    await open(page, address);

    const walk = await walkWithTab(page);
    expect(walk.problems, name).toEqual([]);
    expect(walk.unreached, `${name}: controls Tab does not reach`).toEqual([]);

    // 200% zoom of a 1280 × 800 screen: 640 × 400 CSS pixels.
    await page.setViewportSize({ width: 640, height: 400 });
    await expect.poll(() => sideways(page), { message: `${name} at 200%` }).toEqual([]);
    const zoomed = await walkWithTab(page);
    expect(zoomed.problems, `${name} at 200%`).toEqual([]);

    await page.setViewportSize({ width: 320, height: 640 });
    await expect.poll(() => sideways(page), { message: `${name} at 320 px` }).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addStyleTag({ content: TEXT_SPACING });
    await expect.poll(() => sideways(page), { message: `${name} with text spacing` }).toEqual([]);
    expect(await clippedText(page), `${name}: text cut off with text spacing`).toEqual([]);
  });
}
