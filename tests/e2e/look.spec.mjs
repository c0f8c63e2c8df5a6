// The look of a public service (docs/THEMING.md): every app reads NL Design
// System tokens, so a municipality's tokens file re-themes it; its buttons,
// links, headings, skip link and form fields are the NL Design System's
// components, styled by their CSS (tools/nlds.mjs); both the default look
// and the Voorbeeld theme pass axe (contrast included); narrow screens never
// scroll sideways; disabled looks disabled.
//
// The themed copy: this spec copies the built dist/, themes it with
// tools/theme.mjs and the Voorbeeld tokens from npm, and serves it on
// E2E_THEME_PORT. Screenshots of both looks land in test-results/ (the ones
// in docs/ were made this way).
import { test, expect } from './fixtures.mjs';
import { execFileSync } from 'node:child_process';
import { chooseLocation, expectNoAxeViolations, serveCopy } from './helpers.mjs';

const PORT = Number(process.env.E2E_THEME_PORT || 4176);
const themed = `http://127.0.0.1:${PORT}`;
const VOORBEELD = 'node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
let copy;

test.beforeAll(async () => {
  copy = await serveCopy('theme', PORT, (dir) =>
    execFileSync(process.execPath, ['tools/theme.mjs', dir, VOORBEELD], { stdio: 'inherit' }),
  );
});

test.afterAll(() => copy?.stop());

/** The page's widest right edge against its viewport: nothing may stick out. */
const overflow = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 5) };
  });

for (const [look, base] of [['default', ''], ['Voorbeeld', themed]]) {
  test(`${look} look: the volunteer form and the survey pass axe, contrast included`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Wijkplein Noord' }).click();
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
    await page.getByRole('radio', { name: 'Telefoon' }).check();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath(`volunteer-${look}.png`) });
    await page.goto(`${base}/enquete/#s=clientenonderzoek`);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('radio', { name: 'Eens', exact: true }).check();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: testInfo.outputPath(`survey-${look}.png`) });
  });
}

test('the Voorbeeld theme is applied: its class on the page, its colours on screen', async ({ page }) => {
  await page.goto(`${themed}/enquete/#s=clientenonderzoek`);
  await expect(page.locator('html')).toHaveClass(/\bvoorbeeld-theme\b/);
  const start = page.getByRole('button', { name: 'Beginnen' });
  const themedColour = await start.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.goto('/enquete/#s=clientenonderzoek');
  const ownColour = await page.getByRole('button', { name: 'Beginnen' }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(ownColour).toBe('rgb(23, 71, 111)'); // Wijkpeil's own #17476f
  expect(themedColour).not.toBe(ownColour);
});

test('buttons, links, headings, the skip link and form fields are NL Design System components, styled by their CSS', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await chooseLocation(page);
  const heading = page.getByRole('heading', { name: 'Nieuw contact', level: 1 });
  await expect(heading).toHaveClass('nl-heading nl-heading--level-1');
  expect(await heading.evaluate((el) => getComputedStyle(el).fontSize)).toBe('25.2px'); // --nl-heading-level-1-font-size: 1.4rem
  const save = page.getByRole('button', { name: 'Opslaan', exact: true });
  await expect(save).toHaveClass(/\bnl-button nl-button--primary\b/);
  const style = (locator) =>
    locator.evaluate((el) => {
      const s = getComputedStyle(el);
      return { select: s.userSelect, background: s.backgroundColor, border: s.borderTopColor, radius: s.borderTopLeftRadius };
    });
  expect(await style(save)).toEqual({ select: 'none', background: 'rgb(23, 71, 111)', border: 'rgb(23, 71, 111)', radius: '10px' });
  // The component's hover state, with Wijkpeil's tokens: a darker blue.
  await save.hover();
  await expect.poll(async () => (await style(save)).background).toBe('rgb(14, 47, 75)');
  // A form field: its label on a line of its own, above the description.
  const label = page.locator('label[for="initials"]');
  await expect(label).toHaveClass('utrecht-form-field__label');
  expect(await label.evaluate((el) => getComputedStyle(el).display)).toBe('block');
  await expect(page.locator('#initials-hint')).toHaveClass(/\butrecht-form-field__description\b/);
  // The skip link: out of sight until the keyboard reaches it, then at the top of the screen.
  const skip = page.getByRole('link', { name: 'Naar de inhoud' });
  await expect(skip).toHaveClass('nl-skip-link nl-skip-link--visible-on-focus');
  expect((await skip.boundingBox()).y).toBeLessThan(0);
  await skip.focus();
  expect(await skip.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  expect((await skip.boundingBox()).y).toBeGreaterThanOrEqual(0);
  // Each app carries the rules of the classes it uses and the tokens those
  // read: the volunteer app has no subtle button, the coordinator's has.
  const declares = (token) =>
    page.evaluate((token) => [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes(`${token}:`))), token);
  const hasRule = (selector) =>
    page.evaluate((selector) => [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((rule) => rule.selectorText === selector)), selector);
  expect(await hasRule('.nl-button')).toBe(true);
  expect(await hasRule('.nl-button:where(.nl-button--subtle)')).toBe(false);
  expect(await declares('--nl-button-subtle-color')).toBe(false);
  await page.goto('/beheer/#/trajecten');
  await expect(page.locator('main h1').first()).toBeVisible();
  expect(await hasRule('.nl-button:where(.nl-button--subtle)')).toBe(true);
  expect(await declares('--nl-button-subtle-color')).toBe(true);
  await expect(page.locator('main h1').first()).toHaveClass(/\bnl-heading--level-1\b/);
});

test('the Voorbeeld theme: its own button tokens style the buttons', async ({ page }) => {
  await page.goto(`${themed}/enquete/#s=clientenonderzoek`);
  const start = page.getByRole('button', { name: 'Beginnen' });
  await expect(start).toHaveClass(/\bnl-button--primary\b/);
  const [shown, token] = await start.evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.backgroundColor = 'var(--nl-button-primary-background-color)';
    el.parentElement.append(probe);
    return [getComputedStyle(el).backgroundColor, getComputedStyle(probe).backgroundColor];
  });
  expect(shown).toBe(token);
  expect(shown).not.toBe('rgb(23, 71, 111)');
});

test('at 320 px the contact form with "Meer details" open does not scroll sideways, and the header stays small', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await chooseLocation(page);
  await page.getByText('Meer details').click();
  await expect(page.getByLabel('Doorverwezen naar').or(page.locator('details.more[open]')).first()).toBeVisible();
  expect(await overflow(page)).toEqual({ scroll: 0, out: [] });
  const header = await page.locator('header').first().boundingBox();
  expect(header.height).toBeLessThanOrEqual(192); // under a third of the screen (it took 294 px)
  await expectNoAxeViolations(page);
});

// Every screen at 320 px, with the keyboard and at 200% zoom, is in
// keyboard.spec.mjs; this one is a question screen of the survey.
test('at 320 px a question of the survey does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/enquete/#s=clientenonderzoek');
  await page.getByRole('button', { name: 'Beginnen' }).click();
  await expect.poll(() => overflow(page), { message: 'survey' }).toEqual({ scroll: 0, out: [] });
});

test('the ZRM score grid at 1366 px: every select inside its own row, clear of the other labels', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/beheer/#/trajecten');
  await page.getByRole('link', { name: 'Nieuw traject' }).click();
  const intake = page.getByRole('group', { name: 'Beginmeting (ZRM)' });
  await expect(intake).toBeVisible();
  const problems = await intake.evaluate((group) => {
    const rows = [...group.querySelectorAll('.zrm-row')];
    const box = (el) => el.getBoundingClientRect();
    const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const found = [];
    rows.forEach((row, i) => {
      const select = row.querySelector('select');
      if (!inside(box(select), box(row))) found.push(`select ${i} sticks out of its row`);
      rows.forEach((other, j) => {
        if (i !== j && overlap(box(select), box(other.querySelector('label')))) found.push(`select ${i} covers label ${j}`);
      });
    });
    return { rows: rows.length, found };
  });
  expect(problems.rows).toBeGreaterThan(10);
  expect(problems.found).toEqual([]);
});

test('a disabled button does not look like an active one', async ({ page }) => {
  await page.goto('/beheer/#/enquetes');
  await expect(page.locator('main h1').first()).toBeVisible();
  const looks = await page.evaluate(() => {
    const make = (disabled) => {
      const b = document.createElement('button');
      b.className = 'nl-button nl-button--primary';
      b.textContent = 'Kiosk starten';
      b.disabled = disabled;
      document.querySelector('main').append(b);
      const s = getComputedStyle(b);
      return { background: s.backgroundColor, border: s.borderStyle, cursor: s.cursor };
    };
    return { active: make(false), disabled: make(true) };
  });
  expect(looks.disabled.background).not.toBe(looks.active.background);
  expect(looks.disabled.border).toBe('dashed');
  expect(looks.disabled.cursor).toBe('not-allowed');
});

test('every screen has its own title: its heading, then the app', async ({ page }) => {
  await chooseLocation(page);
  await expect(page).toHaveTitle('Nieuw contact – Wijkpeil');
  await page.getByRole('link', { name: 'Instellingen' }).click();
  await expect(page).toHaveTitle(/^Instellingen – Wijkpeil/);
  await page.goto('/beheer/#/trajecten');
  await expect(page).toHaveTitle(/^Trajecten – /);
  await page.goto('/enquete/#s=wijkplein-bezoek');
  await expect(page).toHaveTitle(/^Hoe was uw bezoek\? – /);
});
