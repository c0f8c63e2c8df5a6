// Residents fill in a survey on their own phone (via the link in the QR
// code) or on a kiosk tablet; coordinators hand out links and start kiosks.
import { test, expect, CODES } from './fixtures.mjs';
import { expectNoAxeViolations, waitForServiceWorker, watchForeignRequests, storedResponses } from './helpers.mjs';

const VISIT = '/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord';

async function answerVisitSurvey(page, { mark = '9', yes = 'Ja', found = 'Via familie of vrienden' } = {}) {
  await page.getByRole('button', { name: 'Beginnen' }).click();
  await expect(page.getByText('Vraag 1 van 3')).toBeVisible();
  await page.getByRole('radio', { name: mark, exact: true }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await expect(page.getByRole('heading', { name: 'Weet u nu wat u kunt doen?' })).toBeFocused();
  await page.getByRole('radio', { name: yes }).check();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.getByRole('radio', { name: found }).check();
  await page.getByRole('button', { name: 'Versturen' }).click();
}

test.describe('on a resident\'s phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the link opens offline, the response is kept and waits to be sent', async ({ page, context, baseURL }) => {
    const foreign = watchForeignRequests(context, baseURL);
    const fetched = [];
    context.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(VISIT);
    await expect(page.getByRole('heading', { name: 'Hoe was uw bezoek?' })).toBeVisible();
    await waitForServiceWorker(page);
    // The phone caches the survey app only: no staff screen is downloaded.
    const worker = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    expect(new URL(worker).pathname).toBe('/enquete/sw.js');
    expect(fetched.filter((path) => path.startsWith('/enquete/')).length).toBeGreaterThan(3);
    expect(fetched.filter((path) => /^\/(beheer\/|wijkpeil-|main-|index\.html$|$)/.test(path))).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Hoe was uw bezoek?' })).toBeVisible();
    await expect(page.getByText('U vult dit anoniem in.')).toBeVisible();
    // What is kept and for how long, in plain words, before the first question.
    const privacy = page.getByText('Niet uw naam, adres, telefoonnummer of het tijdstip.');
    await expect(privacy).toBeHidden();
    await page.getByText('Wat gebeurt er met uw antwoorden?').click();
    await expect(privacy).toBeVisible();
    await expect(page.getByText('Uw antwoorden blijven op deze telefoon of tablet tot ze naar de organisatie zijn gestuurd.')).toBeVisible();
    await answerVisitSurvey(page);
    await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    // This link names no drop-off (tests/e2e/dropoff.spec.mjs): the answer
    // stays here, and the screen promises no sending.
    await expect(page.getByText('Uw antwoorden zijn bewaard.')).toBeVisible();
    await expect(page.getByTestId('delivery')).toHaveCount(0);

    await page.reload();
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    const responses = await storedResponses(page);
    expect(responses).toHaveLength(1);
    const [response] = responses;
    expect(response.survey_id).toBe('wijkplein-bezoek');
    expect(response.survey_version).toBe(1);
    expect(response.location).toBe('wijkplein-noord');
    expect(response.lang).toBe('nl');
    expect(response.answers).toEqual({
      cijfer: { number: 9 },
      'weet-wat-te-doen': { yes_no: true },
      gevonden: { choice: 'bekende' },
    });
    // Anonymous: a date, no time of day, no time-ordered id, waiting to be sent.
    expect(response.created_at).toMatch(/T00:00:00\.000Z$/);
    expect(response.id[14]).toBe('4');
    expect(response.revision).toBeGreaterThan(response.shipped_revision);
    await context.setOffline(false);
    expect(foreign).toEqual([]);
  });

  test('a required question asks for an answer; back keeps what was chosen', async ({ page }) => {
    await page.goto(VISIT);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect(page.getByRole('alert')).toHaveText('Kies een antwoord om verder te gaan.');
    await page.getByRole('radio', { name: '7', exact: true }).check();
    await expect(page.getByRole('alert')).toBeHidden();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect(page.getByText('U mag deze vraag overslaan.')).toBeVisible();
    await page.getByRole('button', { name: 'Vorige' }).click();
    await expect(page.getByRole('radio', { name: '7', exact: true })).toBeChecked();
  });

  test('Arabic reads right to left', async ({ page }, testInfo) => {
    await page.goto(`${VISIT}&lang=ar`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { name: 'كيف كانت زيارتك؟' })).toBeVisible();
    await page.getByRole('button', { name: 'ابدأ' }).click();
    await page.getByRole('radio', { name: '8', exact: true }).check();
    await page.getByRole('button', { name: 'التالي' }).click();
    await expect(page.getByRole('heading', { name: 'هل تعرف الآن ما يمكنك فعله؟' })).toBeVisible();
    // Right to left for real: the "next" button sits left of "back".
    const back = await page.getByRole('button', { name: 'السابق' }).boundingBox();
    const next = await page.getByRole('button', { name: 'التالي' }).boundingBox();
    expect(next.x).toBeLessThan(back.x);
    await page.screenshot({ path: testInfo.outputPath('survey-arabic.png'), fullPage: true });
    await expectNoAxeViolations(page);
    // The resident may switch language on the start screen.
    await page.reload();
    await page.getByRole('button', { name: 'Nederlands', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('heading', { name: 'Hoe was uw bezoek?' })).toBeVisible();
  });

  test('read-aloud speaks the start screen, the question and its answers; without a voice it says so', async ({ page }) => {
    await page.goto(VISIT);
    // Debian's headless Chromium has no voices: no button that cannot work,
    // but a plain word why.
    await expect(page.getByText('Dit apparaat kan niet voorlezen in deze taal.')).toBeVisible();
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await expect(page.getByRole('button', { name: 'Voorlezen' })).toHaveCount(0);
    await expect(page.getByText('Dit apparaat kan niet voorlezen in deze taal.')).toBeVisible();

    await page.addInitScript(() => {
      window.__spoken = [];
      const synth = new EventTarget();
      synth.getVoices = () => [{ lang: 'nl-NL', name: 'Test NL' }];
      synth.speak = (u) => window.__spoken.push({ text: u.text, lang: u.lang });
      synth.cancel = () => {};
      Object.defineProperty(window, 'speechSynthesis', { value: synth });
      window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    });
    await page.reload();
    await page.getByRole('button', { name: 'Voorlezen' }).click();
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('button', { name: 'Voorlezen' }).click();
    expect(await page.evaluate(() => window.__spoken)).toEqual([
      { text: 'Hoe was uw bezoek? Drie korte vragen over uw bezoek aan het wijkplein.', lang: 'nl' },
      { text: 'Welk cijfer geeft u uw bezoek? 1 is heel slecht, 10 is heel goed. 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.', lang: 'nl' },
    ]);
    await expect(page.getByText('Dit apparaat kan niet voorlezen in deze taal.')).toHaveCount(0);
  });

  test('axe finds no violations on the survey screens', async ({ page }) => {
    await page.goto('/enquete/#s=clientenonderzoek');
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    // An agree statement with pictograms and "weet niet".
    await page.getByRole('radio', { name: 'Weet niet / geldt niet voor mij' }).check();
    await expectNoAxeViolations(page);
    // A required question left empty, with its message.
    await page.goto(VISIT);
    await expect(page.getByRole('heading', { name: 'Hoe was uw bezoek?' })).toBeVisible();
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.reload();
    await answerVisitSurvey(page);
    await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('every answer and button is a touch target of at least 48 px', async ({ page }) => {
    const small = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('button, .tile, textarea, a.nl-button')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
          .filter(([, r]) => r.height < 48 || r.width < 48)
          .map(([label, r]) => `${label} ${Math.round(r.width)}x${Math.round(r.height)}`),
      );
    await page.goto('/enquete/#s=clientenonderzoek');
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    expect(await small()).toEqual([]);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await expect(page.getByRole('radio', { name: 'Helemaal eens' })).toBeVisible();
    expect(await small()).toEqual([]);
    await page.goto(VISIT);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await expect(page.getByRole('radio', { name: '10', exact: true })).toBeVisible();
    expect(await small()).toEqual([]);
  });

  test('an open answer with a phone number is refused with the reason, and nothing is stored', async ({ page }) => {
    await page.goto('/enquete/#s=kto-traject');
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('radio', { name: '8', exact: true }).check();
    // Five statements that may stay empty, then the open questions.
    for (let i = 0; i < 6; i += 1) await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('textbox', { name: 'Wat ging goed?' }).fill('Bel mij terug op 06-12345678');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('button', { name: 'Versturen' }).click();
    // Back at the answer, told what to change (not "choose an answer").
    await expect(page.getByRole('heading', { name: 'Wat ging goed?' })).toBeFocused();
    await expect(page.getByRole('alert')).toHaveText(
      'Haal het telefoonnummer, e-mailadres of adres uit uw antwoord. Zo blijft het anoniem.',
    );
    await expect(page.getByRole('textbox', { name: 'Wat ging goed?' })).toHaveValue('Bel mij terug op 06-12345678');
    expect(await storedResponses(page)).toHaveLength(0);
  });

  test('a link to an unknown survey says so', async ({ page }) => {
    await page.goto('/enquete/#s=bestaat-niet');
    await expect(page.getByRole('alert')).toContainText('Deze enquête is niet gevonden.');
  });
});

test.describe('on a kiosk tablet', () => {
  test.use({ viewport: { width: 800, height: 1280 } });

  test('the coordinator hands out a link with a QR code and starts the kiosk', async ({ page }) => {
    await page.goto('/beheer/');
    await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByLabel('Locatie van dit apparaat').selectOption('wijkplein-zuid');
    await page.getByRole('link', { name: 'Enquêtes' }).click();
    const card = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await expect(card.getByRole('img', { name: 'QR-code voor Hoe was uw bezoek?' })).toBeVisible();
    await expect(card.getByRole('link')).toHaveText(/\/enquete\/#s=wijkplein-bezoek&loc=wijkplein-zuid$/);
    // How to pin the screen, said where the kiosk starts.
    await expect(card.getByRole('button', { name: 'Kiosk starten' })).toHaveAccessibleDescription(/Begeleide toegang/);
    await expectNoAxeViolations(page);
    await card.getByRole('button', { name: 'Kiosk starten' }).click();
    await expect(page).toHaveURL(/\/enquete\/#s=wijkplein-bezoek&loc=wijkplein-zuid&kiosk=1$/);
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
  });

  test('the kiosk resets after submit and after idle, and keeps no abandoned answers', async ({ page }) => {
    await page.goto('/beheer/');
    await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
    await page.goto('/enquete/#s=wijkplein-bezoek&loc=wijkplein-zuid&kiosk=1&idle=2');
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('radio', { name: '4', exact: true }).check();
    // The resident walks away.
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 6_000 });
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await expect(page.getByRole('radio', { name: '4', exact: true })).not.toBeChecked();
    expect(await storedResponses(page)).toHaveLength(0);

    await page.getByRole('radio', { name: '8', exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('radio', { name: 'Nee' }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('radio', { name: 'Ik liep langs' }).check();
    await page.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    // Nothing about sending on a kiosk: its own sync carries the answers.
    await expect(page.getByTestId('delivery')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 6_000 });
    expect(await storedResponses(page)).toHaveLength(1);
  });

  test('the kiosk asks whether someone is still there before it starts anew, and a tap keeps the answers', async ({ page }) => {
    await page.goto('/beheer/');
    await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
    await page.clock.install();
    await page.goto('/enquete/#s=wijkplein-bezoek&loc=wijkplein-zuid&kiosk=1&idle=90');
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('radio', { name: '7', exact: true }).check();
    const warning = page.getByRole('alert').filter({ hasText: 'Bent u er nog?' });
    await page.clock.runFor(55_000);
    await expect(warning).toBeHidden();
    // Thirty seconds before the restart: the question, in the resident's language.
    await page.clock.runFor(6_000);
    await expect(warning).toBeVisible();
    await expectNoAxeViolations(page);
    await warning.getByRole('button', { name: 'Ik ben er nog' }).click();
    await expect(warning).toBeHidden();
    await page.clock.runFor(60_000);
    await expect(page.getByRole('radio', { name: '7', exact: true })).toBeChecked();
    // Nobody answers the question: the survey starts anew, without the answer.
    await expect(warning).toBeVisible();
    await page.clock.runFor(31_000);
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    await expect(warning).toBeHidden();
    expect(await storedResponses(page)).toHaveLength(0);
  });

  test('the kiosk cannot be left without a staff code', async ({ page }) => {
    await page.goto('/beheer/');
    await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
    const card = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await card.getByRole('button', { name: 'Kiosk starten' }).click();
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    // The Back button does not lead to the staff screens visited before.
    await page.goBack();
    await page.goBack();
    await expect(page).toHaveURL(/\/enquete\/#s=wijkplein-bezoek.*&kiosk=1$/);
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    // Beheer leads to the lock page, where codes are typed (and the text
    // key opens); at a kiosk it offers no way to wipe the device.
    await page.getByRole('button', { name: 'Beheer' }).click();
    await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
    await expect(page.getByLabel('Code', { exact: true })).toBeFocused();
    await expect(page.getByRole('button', { name: 'Code vergeten?' })).toHaveCount(0);
    await page.getByLabel('Code', { exact: true }).fill('111111');
    await page.getByRole('button', { name: 'Openen' }).click();
    await expect(page.getByText('Deze code klopt niet.')).toBeVisible();
    await expect(page).toHaveURL(/\/ontgrendelen\//);
    await expectNoAxeViolations(page);
    // Nor by its address.
    await page.goto('/ontgrendelen/#wissen');
    await expect(page.getByRole('heading', { name: 'Wijkpeil is vergrendeld' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Dit apparaat wissen' })).toHaveCount(0);
    // Back to the kiosk without a code.
    await page.getByRole('link', { name: 'Terug naar de kiosk' }).click();
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    await page.getByRole('button', { name: 'Beheer' }).click();
    await page.getByLabel('Code', { exact: true }).fill(CODES.coordinator);
    await page.getByRole('button', { name: 'Openen' }).click();
    await expect(page).toHaveURL(/\/beheer\/#\/enquetes$/);
    await expect(page.getByRole('heading', { name: 'Enquêtes' })).toBeVisible();
  });
});

test.describe('without a mouse, and zoomed in', () => {
  test('a survey can be filled in with the keyboard alone', async ({ page }) => {
    await page.goto(VISIT);
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    // Tab to the start button: past the language choice.
    for (let i = 0; i < 10 && !(await page.getByRole('button', { name: 'Beginnen' }).evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeFocused();
    await page.keyboard.press('Enter');
    // Focus lands on the question, so a screen reader reads it first.
    await expect(page.getByRole('heading', { name: /Welk cijfer geeft u uw bezoek/ })).toBeFocused();
    await page.keyboard.press('Tab'); // into the marks: the first radio
    await expect(page.getByRole('radio', { name: '1', exact: true })).toBeFocused();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: '8', exact: true })).toBeChecked();
    await page.keyboard.press('Tab'); // Vorige
    await page.keyboard.press('Tab'); // Volgende
    await expect(page.getByRole('button', { name: 'Volgende' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Weet u nu wat u kunt doen?' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: 'Ja' })).toBeChecked();
  });

  test('at 200% zoom on a phone nothing needs sideways scrolling', async ({ page }) => {
    // 200% zoom on a 390 px wide phone leaves 195 CSS pixels.
    await page.setViewportSize({ width: 195, height: 422 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto('/enquete/#s=clientenonderzoek');
    await expect(page.getByRole('button', { name: 'Beginnen' })).toBeVisible();
    expect(await overflow(), 'start screen').toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await expect(page.getByRole('radio', { name: 'Helemaal eens' })).toBeVisible();
    expect(await overflow(), 'agree statement').toBeLessThanOrEqual(0);
    await page.getByRole('radio', { name: 'Helemaal eens' }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await expect(page.getByText('Vraag 2 van 18')).toBeVisible();
  });
});

test.describe('a coordinator makes a survey of their own', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('copy a template, edit it, fix what blocks publishing, publish, fill it in', async ({ page }) => {
    await page.goto('/beheer/');
    const visit = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await visit.getByRole('button', { name: 'Kopie maken' }).click();
    await expect(page.getByRole('heading', { name: 'Enquête bewerken: Hoe was uw bezoek?' })).toBeVisible();

    await page.getByLabel('Titel (Nederlands)').fill('Bezoek aan wijkplein Noord');
    // Only Dutch, English and Arabic, so the survey fits in its link's QR
    // code: the other languages leave with their texts.
    for (const language of ['Eenvoudig Nederlands', 'Türkçe', 'Polski', 'Українська']) {
      await page.getByRole('checkbox', { name: `${language} aanbieden` }).uncheck();
      await expect(page.getByLabel(`Titel (${language})`)).toHaveCount(0);
    }
    const part = page.getByRole('group', { name: 'Uw bezoek' });
    await part.getByLabel('Soort vraag').selectOption('yes_no');
    await part.getByRole('button', { name: 'Vraag toevoegen aan dit onderdeel' }).click();
    await page.getByLabel('Vraag 4 (Nederlands)').fill('Komt u nog eens terug?');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    // The new question lacks its English and Arabic text: said per language.
    const problems = page.locator('.survey-editor .notice.error');
    await expect(problems).toContainText('Nog niet opgeslagen');
    await expect(problems).toBeFocused();
    // Named as the editor shows it ("Vraag 4"), not by its inner code.
    await expect(problems).toContainText('Bij vraag 4 ontbreekt de tekst in het Engels.');
    // And beside the empty field itself (WCAG 3.3.1).
    const english = page.getByLabel('Vraag 4 (English)');
    await expect(english).toHaveAttribute('aria-invalid', 'true');
    await expect(english).toHaveAccessibleDescription(/Bij vraag 4 ontbreekt de tekst in het Engels\./);
    await expect(page.getByLabel('Vraag 4 (Nederlands)')).not.toHaveAttribute('aria-invalid', 'true');
    // A language's name in a label is marked as that language (WCAG 3.1.2).
    await expect(page.locator('label[for="q-vraag-1-ar"] span[lang="ar"]')).toHaveText('العربية');
    await expect(problems).toContainText('Bij vraag 4 ontbreekt de tekst in het Arabisch.');
    await expect(problems).not.toContainText('vraag-1');
    await expectNoAxeViolations(page);

    await expect(problems).not.toContainText('Turks');
    await page.getByLabel('Vraag 4 (English)').fill('Will you come again?');
    await page.getByLabel('Vraag 4 (العربية)').fill('هل ستعود مرة أخرى؟');
    await page.getByLabel('Titel (English)').fill('Visit to wijkplein Noord');
    await page.getByLabel('Titel (العربية)').fill('زيارة إلى مركز الحي الشمالي');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 1.')).toBeVisible();
    await page.getByRole('button', { name: 'Terug naar de lijst' }).click();

    const own = page.locator('.survey-card').filter({ hasText: 'Bezoek aan wijkplein Noord' });
    await expect(own.getByText('Gepubliceerd, versie 1')).toBeVisible();
    await expectNoAxeViolations(page);
    // An own survey travels in its link, so any phone can open it.
    await expect(own.getByRole('link')).toHaveAttribute('href', /\/enquete\/#s=eigen-[0-9a-f]{8}&d=[A-Za-z0-9_-]+$/);
    const href = await own.getByRole('link').getAttribute('href');
    await expect(own.getByRole('img', { name: 'QR-code voor Bezoek aan wijkplein Noord' })).toBeVisible();

    // On this device (a kiosk, or the coordinator checking) it opens at once.
    await page.goto(href);
    await expect(page.getByRole('heading', { name: 'Bezoek aan wijkplein Noord' })).toBeVisible();
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await expect(page.getByText('Vraag 1 van 4')).toBeVisible();

    // A published version is frozen: editing makes version 2, a draft.
    await page.goto('/beheer/');
    await page.locator('.survey-card').filter({ hasText: 'Bezoek aan wijkplein Noord' }).getByRole('button', { name: 'Bewerken' }).click();
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect(page.getByText('Concept opgeslagen.')).toBeVisible();
    await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
    await expect(
      page.locator('.survey-card').filter({ hasText: 'Bezoek aan wijkplein Noord' }).getByText('Gepubliceerd, versie 1; versie 2 is een concept'),
    ).toBeVisible();
  });

  test('an own survey opens from its link on a phone that never saw it, also offline', async ({ page, browser, baseURL }) => {
    await page.goto('/beheer/');
    const kto = page.locator('.survey-card').filter({ hasText: 'Hoe tevreden bent u over onze hulp?' });
    await kto.getByRole('button', { name: 'Kopie maken' }).click();
    await page.getByLabel('Titel (Nederlands)').fill('Hoe was ons traject?');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await expect(page.getByText('Gepubliceerd: inwoners krijgen nu versie 1.')).toBeVisible();
    await page.getByRole('button', { name: 'Terug naar de lijst' }).click();
    const own = page.locator('.survey-card').filter({ hasText: 'Hoe was ons traject?' });
    await expect(own.getByRole('link')).toHaveAttribute('href', /&d=/);
    const href = await own.getByRole('link').getAttribute('href');

    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const resident = await phone.newPage();
    await resident.goto(href);
    await expect(resident.getByRole('heading', { name: 'Hoe was ons traject?' })).toBeVisible();
    await waitForServiceWorker(resident);
    await phone.setOffline(true);
    await resident.reload();
    await expect(resident.getByRole('heading', { name: 'Hoe was ons traject?' })).toBeVisible();
    await resident.getByRole('button', { name: 'Beginnen' }).click();
    await resident.getByRole('radio', { name: '8', exact: true }).check();
    await resident.getByRole('button', { name: 'Volgende' }).click();
    await expect(resident.getByText(/^Vraag 2 van \d+$/)).toBeVisible();
    // The definition came from the link: this phone's database has no copy.
    expect(await resident.evaluate(() => location.hash)).toContain('&d=');

    // A damaged link is refused rather than showing something else.
    await phone.setOffline(false);
    // Only the fragment changes: the app reloads itself for the new link.
    await resident.goto(href.replace(/&d=(.{8})/, '&d=AAAAAAAA'));
    await expect(resident.getByRole('alert')).toContainText('Deze enquête is niet gevonden.');
    await phone.close();
  });

  test('the response rate follows the number of residents invited', async ({ page }) => {
    await page.goto(VISIT);
    await answerVisitSurvey(page);
    await expect(page.getByRole('heading', { name: 'Bedankt!' })).toBeVisible();
    await page.goto('/beheer/');
    const visit = page.locator('.survey-card').filter({ hasText: 'Hoe was uw bezoek?' });
    await expect(visit.getByTestId('response-count')).toHaveText('Op dit apparaat: 1 ingevuld, 1 wacht op versturen');
    await visit.getByLabel('Aantal uitgenodigde inwoners').fill('8');
    await visit.getByLabel('Aantal uitgenodigde inwoners').press('Tab');
    await expect(visit.getByTestId('response-rate')).toHaveText('1 ingevuld = 12,5% respons');
  });

  test('the KTO card keeps its place and the focus when its invited count is saved', async ({ page }) => {
    await page.goto('/beheer/');
    const cards = page.locator('.survey-card');
    const kto = cards.filter({ hasText: 'Hoe tevreden bent u over onze hulp?' });
    await expect(cards.first()).toContainText('Hoe tevreden bent u over onze hulp?');
    const order = await cards.locator('h2').allTextContents();
    // No closed trajectory yet: no "Plus 0 bij het afsluiten …".
    await expect(kto).not.toContainText('Plus 0');
    const field = kto.getByLabel('Aantal uitgenodigde inwoners');
    const input = await field.elementHandle();
    await field.fill('1234');
    await field.press('Tab');
    await expect(kto.getByTestId('response-rate')).toHaveText('0 ingevuld = 0,0% respons');
    // Saved: the same card, in the same place, the focus still in it (on
    // the next control after the field), and the field not drawn anew.
    await expect(kto.getByRole('link')).toBeFocused();
    expect(await input.evaluate((el) => el.isConnected)).toBe(true);
    await expect(cards.locator('h2')).toHaveText(order);
    // Durable, and in the same place after a reload.
    await page.reload();
    await expect(cards.locator('h2')).toHaveText(order);
    await expect(field).toHaveValue('1234');
    await expectNoAxeViolations(page);
  });
});
