// Screens with addresses: every staff screen has its own address (a hash
// route), so the browser's Back and Forward go a screen back and forth,
// a reload stays on the screen (also offline, after one visit), and a
// half-filled form is not thrown away by Back or a link without asking.
import { test, expect } from './fixtures.mjs';
import { chooseLocation, expectNoAxeViolations, waitForServiceWorker } from './helpers.mjs';

const QUESTION = 'Wat u hier invulde is nog niet opgeslagen. Weggaan en het weggooien?';

/**
 * The "leave without saving?" question (the browser's confirm): each is
 * answered with the next answer given (true: leave), or stays when none
 * was given; the texts asked are kept in order.
 */
function leaveQuestions(page) {
  const asked = [];
  const answers = [];
  page.on('dialog', async (dialog) => {
    asked.push(`${dialog.type()}: ${dialog.message()}`);
    if (answers.shift()) await dialog.accept();
    else await dialog.dismiss();
  });
  return { asked, answer: (leave) => answers.push(leave) };
}

test.describe('volunteer app', () => {
  test('settings, Back to registration, Forward, and reload stay on the screen', async ({ page }) => {
    const questions = leaveQuestions(page);
    await page.goto('/');
    // First run: the location chooser has its own address.
    await expect(page).toHaveURL(/\/#\/locatie$/);
    await chooseLocationHere(page);
    await expect(page).toHaveURL(/\/#\/$/);

    await page.getByRole('link', { name: 'Instellingen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
    await expect(page).toHaveURL(/\/#\/instellingen$/);
    await expect(page.getByRole('link', { name: 'Instellingen' })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);
    // Settings apply at once: leaving them asks nothing.
    await page.getByLabel('Uw initialen').fill('AB');
    await page.getByLabel('Uw initialen').blur();

    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
    await expect(page).toHaveURL(/\/#\/$/);
    expect(questions.asked).toEqual([]);
    await expect(page.getByRole('link', { name: 'Registreren' })).toHaveAttribute('aria-current', 'page');

    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();

    // An address opened directly (a bookmark) shows its screen; one the
    // app does not know shows the start screen.
    await page.goto('about:blank');
    await page.goto('/#/instellingen');
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
    await page.goto('/#/bestaat-niet');
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
  });

  test('a half-filled contact is not thrown away by Back or a link without asking', async ({ page }) => {
    const questions = leaveQuestions(page);
    await chooseLocation(page);
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('link', { name: 'Registreren' }).click();
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
    const finances = page.getByRole('checkbox', { name: 'Financiën' });
    await finances.check();

    // Back asks; staying keeps the input and the address.
    questions.answer(false);
    await page.goBack();
    await expect.poll(() => questions.asked).toEqual([`confirm: ${QUESTION}`]);
    await expect(page).toHaveURL(/\/#\/$/);
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
    await expect(finances).toBeChecked();

    // A link of the app asks too.
    questions.answer(false);
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await expect.poll(() => questions.asked.length).toBe(2);
    await expect(page).toHaveURL(/\/#\/$/);
    await expect(finances).toBeChecked();

    // And so does the link to the coordinator app.
    questions.answer(false);
    await page.getByRole('link', { name: 'Beheer' }).click();
    await expect.poll(() => questions.asked.length).toBe(3);
    await expect(page).toHaveURL(/\/#\/$/);
    await expect(finances).toBeChecked();

    // Leaving throws the input away and goes where Back pointed.
    questions.answer(true);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
    await expect.poll(() => questions.asked.length).toBe(4);
    await page.goForward();
    await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
    await expect(finances).not.toBeChecked();

    // Once saved, nothing is asked.
    await finances.check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect(page.locator('.status')).toContainText('Opgeslagen om');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
    expect(questions.asked).toHaveLength(4);
  });

  test('the question is asked in English too', async ({ page }) => {
    const questions = leaveQuestions(page);
    await chooseLocation(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('checkbox', { name: 'Finances' }).check();
    questions.answer(true);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    expect(questions.asked).toEqual([
      'confirm: What you entered here has not been saved. Leave and throw it away?',
    ]);
  });
});

/** Picks a location on the chooser that is already open. */
async function chooseLocationHere(page, name = 'Wijkplein Noord') {
  await expect(page.getByRole('heading', { name: 'Waar staat dit apparaat?' })).toBeVisible();
  await page.getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name: 'Nieuw contact' })).toBeVisible();
}

test.describe('coordinator app', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  /** A trajectory entered with the least the intake needs; returns its code. */
  async function newTrajectory(page) {
    await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
    await page.getByRole('link', { name: 'Nieuw traject' }).click();
    await expect(page).toHaveURL(/\/beheer\/#\/trajecten\/nieuw$/);
    const code = page.getByLabel('Code', { exact: true });
    await expect(code).toHaveValue(/^TR-/);
    const value = await code.inputValue();
    await page.getByLabel('Leeftijdsgroep').selectOption('27-64');
    await page.getByRole('checkbox', { name: 'Financiën' }).check();
    await page.getByRole('button', { name: 'Traject opslaan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Traject ${value}` })).toBeVisible();
    return value;
  }

  test('trajectory list, detail, Back to the list, and a reload on the detail', async ({ page }) => {
    await page.goto('/beheer/');
    const code = await newTrajectory(page);
    // The saved trajectory took the place of the form in the history.
    await expect(page).toHaveURL(/\/beheer\/#\/trajecten\/[0-9a-f-]{36}$/);
    const detail = page.url();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Trajecten' })).toBeVisible();

    await page.getByRole('link', { name: `Traject ${code} openen` }).click();
    await expect(page).toHaveURL(detail);
    await expect(page.getByRole('heading', { level: 1, name: `Traject ${code}` })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Trajecten' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Trajecten', exact: true })).toHaveAttribute('aria-current', 'page');
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1, name: `Traject ${code}` })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: `Traject ${code}` })).toBeVisible();
    await expect(page).toHaveURL(detail);

    // Intake change: Cancel and Save go back to the trajectory, not forward.
    await page.getByRole('link', { name: 'Intake wijzigen' }).click();
    await expect(page).toHaveURL(`${detail}/wijzigen`);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: `Intake van traject ${code} wijzigen` })).toBeVisible();
    await page.getByRole('button', { name: 'Traject opslaan' }).click();
    await expect(page).toHaveURL(detail);
    await expect(page.getByRole('status').filter({ hasText: `Traject ${code} opgeslagen.` })).toBeVisible();

    // A link to a trajectory that is not on this device says so.
    await page.goto('/beheer/#/trajecten/01900000-0000-7000-8000-000000000000');
    await expect(page.getByText('Dit staat niet (meer) op dit apparaat')).toBeVisible();
    await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Trajecten' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a survey in the editor has its address; Back returns to the list', async ({ page }) => {
    await page.goto('/beheer/');
    await page.getByRole('button', { name: 'Kopie maken' }).first().click();
    await expect(page).toHaveURL(/\/beheer\/#\/enquetes\/eigen-[0-9a-f]{8}\/1$/);
    const editor = page.url();
    await expect(page.getByRole('button', { name: 'Publiceren' })).toBeVisible();
    await page.reload();
    await expect(page).toHaveURL(editor);
    await expect(page.getByRole('button', { name: 'Publiceren' })).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Enquêtes' })).toBeVisible();
  });

  test('offline after one visit, a deep link opens and reloads', async ({ page, context }) => {
    await page.goto('/beheer/');
    await waitForServiceWorker(page);
    const code = await newTrajectory(page);
    const detail = page.url();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: `Traject ${code}` })).toBeVisible();
    await expect(page.getByText('Offline: alles blijft op dit apparaat bewaard')).toBeVisible();

    // A second tab opening the address directly, offline.
    const other = await context.newPage();
    await other.goto(detail);
    await expect(other.getByRole('heading', { level: 1, name: `Traject ${code}` })).toBeVisible();
    await other.goto('/#/instellingen');
    await expect(other.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
    await other.close();
    await context.setOffline(false);
  });

  test('a half-filled intake asks before Back or a link; staying keeps it', async ({ page }) => {
    const questions = leaveQuestions(page);
    await page.goto('/beheer/');
    await page.getByRole('link', { name: 'Trajecten', exact: true }).click();
    await page.getByRole('link', { name: 'Nieuw traject' }).click();
    await page.getByLabel('Leeftijdsgroep').selectOption('27-64');

    questions.answer(false);
    await page.goBack();
    await expect.poll(() => questions.asked).toEqual([`confirm: ${QUESTION}`]);
    await expect(page).toHaveURL(/#\/trajecten\/nieuw$/);
    await expect(page.getByLabel('Leeftijdsgroep')).toHaveValue('27-64');
    await expectNoAxeViolations(page);

    questions.answer(true);
    await page.getByRole('link', { name: 'Initiatieven', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Initiatieven' })).toBeVisible();
    await expect(page).toHaveURL(/#\/initiatieven$/);
    expect(questions.asked).toHaveLength(2);

    // Cancel is a deliberate choice: it does not ask.
    await page.getByRole('link', { name: 'Nieuw initiatief' }).click();
    await page.getByLabel('Naam van het initiatief').fill('Repair café');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Initiatieven' })).toBeVisible();
    expect(questions.asked).toHaveLength(2);
  });
});
