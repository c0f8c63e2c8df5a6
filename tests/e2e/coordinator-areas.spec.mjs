// The coordinator app is built once per area (docs/ARCHITECTURE.md,
// "Coordinator areas"): /beheer/ loads the build of the area its address
// names, and a link into another area loads the page anew. Every address
// still opens its screen, online and offline after one visit, and a
// half-filled form still asks before another area's link takes it away.
import { test, expect } from './fixtures.mjs';
import { expectNoAxeViolations, waitForServiceWorker } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 900 } });

// Each address's area build and the heading of its screen.
const AREAS = [
  ['#/enquetes', 'surveys', 'Enquêtes'],
  ['#/trajecten', 'trajectories', 'Trajecten'],
  ['#/trajecten/nieuw', 'trajectories', 'Nieuw traject'],
  ['#/activiteiten', 'activities', 'Groepsactiviteiten'],
  ['#/initiatieven', 'activities', 'Initiatieven'],
  ['#/instellingen', 'settings', 'Instellingen'],
  ['#/lijsten', 'settings', 'Lijsten'],
  ['#/jaarbeeld', 'report', 'Jaarbeeld'],
  ['', 'surveys', 'Enquêtes'],
  ['#/bestaat-niet', 'surveys', 'Enquêtes'],
];

/** The wasm files the page fetched (paths), in order. */
function wasmFetched(page) {
  const paths = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.wasm')) paths.push(path);
  });
  return paths;
}

test('a deep link into each area opens its screen with that area\'s build only', async ({ page }) => {
  for (const [hash, area, heading] of AREAS) {
    await page.goto('about:blank');
    const fetched = wasmFetched(page);
    await page.goto(`/beheer/${hash}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    const builds = fetched.filter((path) => path.startsWith('/beheer/'));
    expect(builds, hash).toHaveLength(1);
    expect(builds[0], hash).toMatch(new RegExp(`^/beheer/${area}/wijkpeil-[0-9a-f]+_bg\\.wasm$`));
    page.removeAllListeners('request');
  }
  await expectNoAxeViolations(page);
});

test('offline after one visit: the header\'s links cross every area, Back and Forward too', async ({ page, context }) => {
  await page.goto('/beheer/');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  // The link, its address, and the area build loaded (none: the same area).
  const steps = [
    ['Trajecten', /#\/trajecten$/, 'trajectories'],
    ['Groepsactiviteiten', /#\/activiteiten$/, 'activities'],
    ['Initiatieven', /#\/initiatieven$/, null],
    ['Lijsten', /#\/lijsten$/, 'settings'],
    ['Instellingen', /#\/instellingen$/, null],
    ['Jaarbeeld', /#\/jaarbeeld$/, 'report'],
    ['Enquêtes', /#\/enquetes$/, 'surveys'],
  ];
  for (const [link, url, area] of steps) {
    const fetched = wasmFetched(page);
    await page.getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: link })).toBeVisible();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
    // Within an area the page stays; into another it loads that area's
    // build (the data worker's own wasm is not an area's).
    const builds = fetched.filter((path) => path.startsWith('/beheer/'));
    expect(builds, link).toEqual(area ? [expect.stringMatching(new RegExp(`^/beheer/${area}/`))] : []);
    page.removeAllListeners('request');
  }
  await expect(page.getByText('Offline: alles blijft op dit apparaat bewaard')).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Jaarbeeld' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Lijsten' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Initiatieven' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Lijsten' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Lijsten' })).toBeVisible();
  await expectNoAxeViolations(page);
  await context.setOffline(false);
});

test('a half-filled intake asks before a link into another area; staying keeps it', async ({ page }) => {
  const asked = [];
  const answers = [];
  page.on('dialog', async (dialog) => {
    asked.push(dialog.type());
    if (answers.shift()) await dialog.accept();
    else await dialog.dismiss();
  });
  await page.goto('/beheer/#/trajecten/nieuw');
  await page.getByLabel('Leeftijdsgroep').selectOption('27-64');

  answers.push(false);
  await page.getByRole('link', { name: 'Instellingen', exact: true }).click();
  await expect.poll(() => asked).toEqual(['confirm']);
  await expect(page).toHaveURL(/#\/trajecten\/nieuw$/);
  await expect(page.getByLabel('Leeftijdsgroep')).toHaveValue('27-64');

  answers.push(true);
  await page.getByRole('link', { name: 'Instellingen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expect(page).toHaveURL(/#\/instellingen$/);
  expect(asked).toEqual(['confirm', 'confirm']);

  // Back into the trajectories' build: the form is new, nothing is asked.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw traject' })).toBeVisible();
  await expect(page.getByLabel('Leeftijdsgroep')).not.toHaveValue('27-64');
  expect(asked).toHaveLength(2);
});
