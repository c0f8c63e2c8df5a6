// The residents' languages (docs/SURVEYS.md, "Languages"): every built-in
// survey in Dutch, simple Dutch, English, Arabic, Turkish, Polish and
// Ukrainian; translations nobody checked are marked in the editor;
// read-aloud in the survey's language; pictograms drawn from the bundled
// sprite, not emoji; switching the language keeps what someone typed.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, expectNoAxeViolations } from './helpers.mjs';

const LANGUAGES = ['Nederlands', 'Eenvoudig Nederlands', 'English', 'العربية', 'Türkçe', 'Polski', 'Українська'];

test('every built-in survey offers the seven languages, and each reads in its own', async ({ page }) => {
  for (const survey of ['clientenonderzoek', 'groepsactiviteit', 'kto-traject', 'wijkplein-bezoek']) {
    await page.goto(`/enquete/#s=${survey}`);
    const choice = page.getByRole('group', { name: 'Kies uw taal' });
    await expect(choice.getByRole('button')).toHaveText(LANGUAGES);
  }
  await page.goto('/enquete/#s=clientenonderzoek');
  for (const [name, lang, start] of [
    ['Türkçe', 'tr', /\S/],
    ['Polski', 'pl', /\S/],
    ['Українська', 'uk', /[\u0400-\u04FF]/],
    ['Eenvoudig Nederlands', 'nl-x-b1', /\S/],
  ]) {
    await page.getByRole('button', { name, exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('h1')).toHaveText(start);
    await expect(page.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true');
  }
  // Ukrainian all the way to a question, its answers in Ukrainian too.
  await page.getByRole('button', { name: 'Українська', exact: true }).click();
  await page.locator('.survey-start .nl-button--primary').click();
  await expect(page.locator('#q-text')).toHaveText(/[\u0400-\u04FF]/);
  await expect(page.locator('.answers .tile-label').first()).toHaveText(/[\u0400-\u04FF]/);
  await expectNoAxeViolations(page);
});

test('pictograms are the bundled drawings, not emoji, in the survey and on the volunteer form', async ({ page }) => {
  await page.goto('/enquete/#s=clientenonderzoek');
  await page.getByRole('button', { name: 'Beginnen' }).click();
  // Five faces for the agree scale, a question mark for "weet niet".
  const drawn = page.locator('.answers svg.pictogram use');
  await expect(drawn).toHaveCount(6);
  expect(await drawn.evaluateAll((uses) => uses.map((u) => u.getAttribute('href')))).toEqual(
    ['face-1', 'face-2', 'face-3', 'face-4', 'face-5', 'question'].map((id) => `/icons/pictograms.svg#${id}`),
  );
  // The sprite is there and has every symbol the pages name.
  const sprite = await (await page.request.get('/icons/pictograms.svg')).text();
  for (const id of ['face-1', 'face-5', 'thumb-up', 'thumb-down', 'question', 'warning', 'speaker', 'heart', 'web', 'family', 'newspaper', 'repeat', 'walk', 'health', 'mail', 'plus', 'education', 'neighbourhood', 'home', 'money', 'location', 'phone', 'door', 'handshake', 'check', 'arrow']) {
    expect(sprite, id).toContain(`id="${id}"`);
  }
  // Drawn: the symbol has a size on screen.
  const box = await page.locator('.answers svg.pictogram').first().boundingBox();
  expect(box.width).toBeGreaterThan(20);

  await chooseLocation(page);
  const tiles = page.locator('.tile');
  await expect(tiles.first()).toBeVisible();
  const emoji = await page.locator('main').evaluate((main) =>
    [...main.querySelectorAll('.pictogram')].filter((el) => /\p{Extended_Pictographic}/u.test(el.textContent)).length,
  );
  expect(emoji).toBe(0);
  await expect(page.locator('main svg.pictogram').first()).toBeVisible();
  // A domain group's pictogram is drawn before its name, not named in it.
  await expect(page.getByRole('group', { name: 'Geld en administratie', exact: true })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('money');
  await expect(page.locator('.domain-group legend svg.pictogram').first()).toBeVisible();
});

test('switching the language keeps a half-filled contact, survey answers and a trajectory form', async ({ page }) => {
  // The volunteer's contact form.
  await chooseLocation(page);
  await page.getByRole('radio', { name: 'Telefoon' }).check();
  await page.getByText('Meer details').click();
  await page.getByLabel('Korte notitie').fill('Vraag over de huurtoeslag');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'New contact' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Phone', exact: true })).toBeChecked();
  await expect(page.getByLabel('Short note')).toHaveValue('Vraag over de huurtoeslag');
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByLabel('Korte notitie')).toHaveValue('Vraag over de huurtoeslag');

  // A resident's answers: back to the start screen, another language, on.
  await page.goto('/enquete/#s=clientenonderzoek');
  await page.getByRole('button', { name: 'Beginnen' }).click();
  await page.getByRole('radio', { name: 'Eens', exact: true }).check();
  await page.getByRole('button', { name: 'Vorige' }).click();
  await page.getByRole('button', { name: 'Türkçe', exact: true }).click();
  await page.locator('.survey-start .nl-button--primary').click();
  await expect(page.locator('.answers input').nth(3)).toBeChecked();

  // The coordinator's new trajectory, half filled.
  await page.goto('/beheer/#/trajecten');
  await page.getByRole('link', { name: 'Nieuw traject' }).click();
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel('Doel 1', { exact: true }).fill('Overzicht in de post');
  await page.getByLabel('Verwijzer').selectOption('huisarts');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByLabel('Goal 1', { exact: true })).toHaveValue('Overzicht in de post');
  await expect(page.getByLabel('Referred by')).toHaveValue('huisarts');
});

test('translations nobody checked are marked, and a coordinator can tick one off', async ({ page }) => {
  await page.goto('/beheer/');
  const visit = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
  await expect(visit.getByTestId('unchecked-languages')).toHaveText(
    'Vertaling nog niet gecontroleerd door een moedertaalspreker: Eenvoudig Nederlands, Engels, Arabisch, Turks, Pools, Oekraïens.',
  );
  await visit.getByRole('button', { name: 'Kopie maken' }).click();
  const translations = page.getByRole('group', { name: 'Vertalingen' });
  const turkish = translations.getByRole('checkbox', { name: 'Türkçe is gecontroleerd door een moedertaalspreker' });
  await expect(turkish).not.toBeChecked();
  await expect(translations.getByRole('checkbox', { name: /gecontroleerd door een moedertaalspreker$/ })).toHaveCount(6);
  await expect(translations.getByRole('checkbox', { name: /aanbieden$/ })).toHaveCount(6);
  await turkish.check();
  await expectNoAxeViolations(page);
  await page.getByLabel('Titel (Nederlands)').fill('Bezoek, in zeven talen');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 1.')).toBeVisible();
  await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
  const copy = page.locator('.survey-card').filter({ hasText: 'Bezoek, in zeven talen' });
  await expect(copy.getByTestId('unchecked-languages')).toHaveText(
    'Vertaling nog niet gecontroleerd door een moedertaalspreker: Eenvoudig Nederlands, Engels, Arabisch, Pools, Oekraïens.',
  );
  // Seven languages travel in the link: too much for a QR code, and the
  // card says so and what to do, rather than showing nothing.
  await expect(copy.getByTestId('qr-too-long')).toContainText('Deze link is te lang voor een QR-code.');
  await expect(copy.getByRole('img', { name: /^QR-code voor/ })).toHaveCount(0);
  // Leaving out what is not needed makes it fit.
  await copy.getByRole('button', { name: 'Bewerken' }).click();
  for (const language of ['Eenvoudig Nederlands', 'Polski', 'Українська', 'العربية']) {
    await page.getByRole('checkbox', { name: `${language} aanbieden` }).uncheck();
  }
  // Ticked again: back with its texts, nothing to fill in.
  await page.getByRole('checkbox', { name: 'العربية aanbieden' }).check();
  await expect(page.getByLabel('Titel (العربية)')).toHaveValue('كيف كانت زيارتك؟');
  await page.getByRole('button', { name: 'Publiceren' }).click();
  await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 2.')).toBeVisible();
  await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
  await expect(copy.getByRole('img', { name: 'QR-code voor Bezoek, in zeven talen' })).toBeVisible();
  await expect(copy.getByTestId('qr-too-long')).toHaveCount(0);
});

test('read-aloud speaks Turkish with a Turkish voice, and simple Dutch with a Dutch one', async ({ page }) => {
  await page.addInitScript(() => {
    window.__spoken = [];
    const synth = new EventTarget();
    synth.getVoices = () => [{ lang: 'tr-TR', name: 'Test TR' }, { lang: 'nl-NL', name: 'Test NL' }];
    synth.speak = (u) => window.__spoken.push(u.lang);
    synth.cancel = () => {};
    Object.defineProperty(window, 'speechSynthesis', { value: synth });
    window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  });
  await page.goto('/enquete/#s=wijkplein-bezoek');
  await page.getByRole('button', { name: 'Türkçe', exact: true }).click();
  await page.locator('.read-aloud').click();
  await page.getByRole('button', { name: 'Eenvoudig Nederlands', exact: true }).click();
  await page.getByRole('button', { name: 'Voorlezen' }).click();
  expect(await page.evaluate(() => window.__spoken)).toEqual(['tr', 'nl']);
  // No Polish voice on this device: it says so, in Polish.
  await page.getByRole('button', { name: 'Polski', exact: true }).click();
  await expect(page.locator('p.read-aloud')).toHaveText('To urządzenie nie może czytać na głos w tym języku.');
});
