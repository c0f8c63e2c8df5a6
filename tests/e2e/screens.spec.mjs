// Every screen of every app, one by one, as a screen reader and a phone see
// it: axe-core clean; the accessibility tree has the page's landmarks, one
// level-1 heading, and no control without a name; and at 320 px wide
// nothing makes the page scroll sideways (a wide table scrolls in its own
// box, as WCAG allows).
import { test, expect } from './fixtures.mjs';
import { chooseLocation, expectNoAxeViolations } from './helpers.mjs';

const SCREENS = [
  ['registration', '/'],
  ['settings', '/#/instellingen'],
  ['survey start', '/enquete/#s=clientenonderzoek'],
  ['kiosk', '/enquete/#s=wijkplein-bezoek&loc=wijkplein-zuid&kiosk=1'],
  ['surveys', '/beheer/#/enquetes'],
  ['trajectories', '/beheer/#/trajecten'],
  ['new trajectory', '/beheer/#/trajecten/nieuw'],
  ['activities', '/beheer/#/activiteiten'],
  ['new activity', '/beheer/#/activiteiten/nieuw'],
  ['initiatives', '/beheer/#/initiatieven'],
  ['new initiative', '/beheer/#/initiatieven/nieuw'],
  ['lists', '/beheer/#/lijsten'],
  ['coordinator settings', '/beheer/#/instellingen'],
  ['jaarbeeld', '/beheer/#/jaarbeeld'],
  ['unlocking', '/ontgrendelen/'],
  ['changing the codes', '/ontgrendelen/#wijzigen'],
  ['wiping the device', '/ontgrendelen/#wissen'],
  ['the answer key', '/ontgrendelen/#sleutel'],
];

/** The lines of an aria snapshot naming a control without its name. */
function unnamed(snapshot) {
  return snapshot
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^- (button|link|textbox|checkbox|radio|combobox|spinbutton|slider|switch)(\s*\[[^\]]*\])?:?$/.test(line));
}

for (const [name, address] of SCREENS) {
  test(`${name}: axe, the accessibility tree, and 320 px`, async ({ page }) => {
    await chooseLocation(page);
    await page.goto('about:blank');
    await page.goto(address);
    const main = page.locator('main');
    await expect(main.locator('h1').first()).toBeVisible();
    await expect(page.locator('h1')).toHaveCount(1);
    // Landmarks: the content, and on staff screens the header and its menu.
    await expect(page.getByRole('main')).toHaveCount(1);
    // The lock page is one form: no menu to skip.
    if (!address.startsWith('/enquete/') && !address.startsWith('/ontgrendelen/')) {
      await expect(page.getByRole('banner')).toHaveCount(1);
      await expect(page.getByRole('navigation').first()).toBeVisible();
    }
    const tree = await page.locator('body').ariaSnapshot();
    expect(unnamed(tree), tree).toEqual([]);
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 320, height: 640 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: name })
      .toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });
}

test('the sync login says what its fields are, for a password manager (WCAG 1.3.5)', async ({ page }) => {
  await page.goto('/beheer/#/instellingen');
  await expect(page.locator('#sync-user')).toHaveAttribute('autocomplete', 'username');
  await expect(page.locator('#sync-password')).toHaveAttribute('autocomplete', 'current-password');
});
