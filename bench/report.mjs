#!/usr/bin/env node
// Wijkpeil report benchmark (issue 10): "The report over 100,000 records
// opens without freezing the page, and recomputes after a filter change in
// under 100 ms. Load 100k records and compute the report; recompute after a
// filter change; both next to raw IndexedDB getAll of the same records in
// the same run (goal: load at most 1.2× getAll)."
//
// Per run, in Debian's Chromium on a fresh persistent profile (IndexedDB on
// disk, as on a tablet), its staff codes first set up on the lock page
// (bench/device.mjs):
// 1. the coordinator app is opened once (it creates its database), then on
//    a page of the same origin without the app the records of the import
//    benchmark's generated year (bench/import.mjs `generate`: contacts,
//    survey responses, survey versions, trajectories, activities,
//    initiatives, 2% deleted) are put into their stores (not timed);
// 2. floor: on that page, `getAll` of the same stores in one readonly
//    transaction, timed from the transaction's creation to the last
//    `success` (the values are structured-cloned into the page, nothing
//    else);
// 3. app: Beheer → Jaarbeeld is opened (`#/jaarbeeld`, the year 2026, all
//    locations). Timed in the data worker (src/worker/report.rs):
//    `wijkpeil-report-load` (reading every record into the compact form)
//    and `wijkpeil-report-compute` (the figures of one scope); in the page:
//    how long the main thread was blocked at most while the report opened
//    (the longest task, PerformanceObserver `longtask`);
// 4. filter changes: five times a location is ticked or unticked; timed in
//    the page from the change to the new figures on screen (the measure
//    `wijkpeil-report-update`, src/pages/report/), and in the worker the
//    computation.
// Before both, every store is read once, not timed, so floor and app both
// read from a warm cache (before 2026-12-04 the first of the two read
// cold). Runs alternate which of floor and app goes first. The report checks that
// the screen's count of contacts in 2026 equals the generated live ones.
//
// A benchmark, not a test: it prints figures and exits non-zero only when
// it could not measure. Normally started by `bench/run report`; by hand:
//
//   node tools/serve-static.mjs dist 4199 &
//   BENCH_URL=http://127.0.0.1:4199/ node bench/report.mjs
//   node bench/report.mjs --report bench/results/report.json
//
// Env: BENCH_URL (default http://127.0.0.1:4199/), BENCH_REPORT_RECORDS
// (default 100000), BENCH_REPORT_RUNS (default 5), BENCH_REPORT_OUT
// (default bench/results/report.json), BENCH_CHROMIUM (default
// /usr/bin/chromium), BENCH_SOURCE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshProfile, generate, git, median, spread } from './import.mjs';
import { setUpDevice } from './device.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETTINGS = { location: 'wijkplein-centrum', lang: 'nl', initials: '' };
const STORES = ['contacts', 'survey_responses', 'surveys', 'trajectories', 'activities', 'initiatives'];
const FILE_ROUTE = '/__bench/report-records.json';
const FILTER_CHANGES = 5;

const log = (...a) => console.error('[bench:report]', ...a);

function settingsInit(settings) {
  localStorage.setItem('wijkpeil.settings', JSON.stringify(settings));
}

// The longest main-thread task while the report opens, from the page's
// first moment (an init script, so it sees every task).
function longTaskProbe() {
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__longest = null;
  }
}

async function fill(page, url) {
  await page.goto(new URL('beheer/#/instellingen', url).href, { waitUntil: 'load' });
  await page.getByTestId('records-stored').filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
  await page.goto(new URL('sw-register.js', url).href);
  return page.evaluate(
    async ({ route, stores }) => {
      const file = await (await fetch(route)).json();
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('wijkpeil');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise((resolve, reject) => {
        const tx = db.transaction(stores, 'readwrite');
        for (const s of stores) {
          const store = tx.objectStore(s);
          for (const r of file[s] || []) store.put({ ...r, pending: 0 });
        }
        tx.oncomplete = resolve;
        tx.onabort = () => reject(tx.error);
      });
      db.close();
      return stores.reduce((n, s) => n + (file[s] || []).length, 0);
    },
    { route: FILE_ROUTE, stores: STORES },
  );
}

async function floor(page) {
  return page.evaluate(async (stores) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('wijkpeil');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const t0 = performance.now();
    const lengths = await new Promise((resolve, reject) => {
      const tx = db.transaction(stores, 'readonly');
      const out = [];
      for (const s of stores) {
        const req = tx.objectStore(s).getAll();
        req.onsuccess = () => out.push(req.result.length);
      }
      tx.oncomplete = () => resolve(out);
      tx.onabort = () => reject(tx.error);
    });
    const t1 = performance.now();
    db.close();
    return { getAllMs: t1 - t0, records: lengths.reduce((a, b) => a + b, 0) };
  }, STORES);
}

function workerOf(page) {
  return page.workers().find((w) => w.url().includes('data_worker'));
}

async function workerMeasure(page, name) {
  const worker = workerOf(page);
  if (!worker) return null;
  return worker.evaluate((name) => {
    const e = performance.getEntriesByName(name);
    return e.length ? e[e.length - 1].duration : null;
  }, name);
}

async function pageMeasure(page, name) {
  return page.evaluate((name) => {
    const e = performance.getEntriesByName(name);
    return e.length ? e[e.length - 1].duration : null;
  }, name);
}

async function appRun(page, url) {
  await page.goto(new URL('sw-register.js', url).href);
  await page.goto(new URL('beheer/#/jaarbeeld', url).href, { waitUntil: 'load' });
  const ready = page.getByTestId('report-figures');
  await ready.waitFor({ timeout: 300_000 });
  const contacts = Number((await page.getByTestId('contacts-total').first().textContent()).replace(/\D/g, ''));
  const result = {
    loadMs: await workerMeasure(page, 'wijkpeil-report-load'),
    computeMs: await workerMeasure(page, 'wijkpeil-report-compute'),
    longestTaskMs: await page.evaluate(() => window.__longest),
    contacts,
    updates: [],
  };
  const boxes = page.getByRole('group', { name: /Locaties/ }).getByRole('checkbox');
  for (let i = 0; i < FILTER_CHANGES; i++) {
    const seq = await ready.getAttribute('data-report-seq');
    await boxes.nth(i % 3).click();
    await page.locator(`[data-testid="report-figures"]:not([data-report-seq="${seq}"])`).waitFor({ timeout: 60_000 });
    result.updates.push({
      updateMs: await pageMeasure(page, 'wijkpeil-report-update'),
      computeMs: await workerMeasure(page, 'wijkpeil-report-compute'),
    });
  }
  return result;
}

async function run(url, file, executablePath, appFirst) {
  const profile = await freshProfile(executablePath);
  try {
    const { context } = profile;
    await context.addInitScript(settingsInit, SETTINGS);
    await context.addInitScript(longTaskProbe);
    await context.route(`**${FILE_ROUTE}`, (route) => route.fulfill({ path: file, contentType: 'application/json' }));
    // A device with its staff codes (bench/device.mjs), set up on the lock
    // page in this profile; every later page unlocked as coordinator.
    const { page } = await setUpDevice(context, url, { label: 'report' });
    const stored = await fill(page, url);
    // One read of every store first, not timed: whichever of floor and app
    // went first used to read from a cold cache and the second from a warm
    // one (each run's ratio swung from 1.1x to 1.8x with the order); now
    // both read warm.
    await page.goto(new URL('sw-register.js', url).href);
    await floor(page);
    let app;
    let raw;
    if (appFirst) {
      app = await appRun(page, url);
      await page.goto(new URL('sw-register.js', url).href);
      raw = await floor(page);
    } else {
      await page.goto(new URL('sw-register.js', url).href);
      raw = await floor(page);
      app = await appRun(page, url);
    }
    return { stored, appFirst, floor: raw, app };
  } finally {
    await profile.close();
  }
}

const fmt = (x, digits = 0) => (x === null || x === undefined ? '–' : x.toFixed(digits));

export function report(r) {
  const out = [];
  const col = (f) => r.runs.map(f);
  const row = (label, values, digits = 0) => {
    const sp = spread(values);
    out.push(`| ${label} | ${fmt(median(values), digits)} | ${fmt(sp.min, digits)} | ${fmt(sp.max, digits)} |`);
  };
  out.push(`${r.records.toLocaleString('en')} records (${r.live.toLocaleString('en')} live contacts in 2026), ${r.runs.length} runs, ${r.source}, ${r.when}.`);
  out.push('');
  out.push('| Measure (ms) | median | min | max |');
  out.push('|---|---:|---:|---:|');
  row('**Floor: raw `getAll` of the six stores, one transaction**', col((x) => x.floor.getAllMs));
  row('**App: load into the compact form** (`wijkpeil-report-load`, worker)', col((x) => x.app.loadMs));
  row('App: the figures of one scope (`wijkpeil-report-compute`, worker)', col((x) => x.app.computeMs), 1);
  row("App: the page's longest task while the report opens", col((x) => x.app.longestTaskMs));
  row('**App: filter change → new figures on screen** (`wijkpeil-report-update`, page)', r.runs.flatMap((x) => x.app.updates.map((u) => u.updateMs)), 1);
  row('App: of which the computation (worker)', r.runs.flatMap((x) => x.app.updates.map((u) => u.computeMs)), 1);
  out.push('');
  const ratio = median(col((x) => x.app.loadMs)) / median(col((x) => x.floor.getAllMs));
  out.push(`**Load / getAll: ${fmt(ratio, 2)}×** (medians; goal ≤ 1.2×); per run: ${r.runs.map((x) => `${fmt(x.app.loadMs / x.floor.getAllMs, 2)}×`).join(', ')}.`);
  return out.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--report') {
    console.log(report(JSON.parse(fs.readFileSync(args[1], 'utf8'))));
    return;
  }
  const url = process.env.BENCH_URL || 'http://127.0.0.1:4199/';
  const n = Number(process.env.BENCH_REPORT_RECORDS || 100_000);
  const runs = Number(process.env.BENCH_REPORT_RUNS || 5);
  const out = process.env.BENCH_REPORT_OUT || path.join(root, 'bench/results/report.json');
  const executablePath = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
  log(`generating ${n} records`);
  const generated = generate(n);
  const live = generated.lists.contacts.filter((c) => !c.deleted && c.occurred_at.startsWith('2026')).length;
  const file = path.join(os.tmpdir(), `wijkpeil-bench-report-${n}.json`);
  fs.writeFileSync(file, generated.text);
  const result = { records: n, live, source: process.env.BENCH_SOURCE || git(), when: new Date().toISOString(), runs: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const r = await run(url, file, executablePath, i % 2 === 1);
      if (r.stored !== n) throw new Error(`stored ${r.stored} of ${n}`);
      if (r.floor.records !== n) throw new Error(`getAll read ${r.floor.records} of ${n}`);
      if (r.app.contacts !== live) throw new Error(`the report counts ${r.app.contacts} contacts, the year has ${live}`);
      if (r.app.loadMs === null) throw new Error('no wijkpeil-report-load measure');
      log(`run ${i + 1}/${runs}: getAll ${fmt(r.floor.getAllMs)} ms, load ${fmt(r.app.loadMs)} ms (${fmt(r.app.loadMs / r.floor.getAllMs, 2)}×), compute ${fmt(r.app.computeMs, 1)} ms, updates ${r.app.updates.map((u) => fmt(u.updateMs, 1)).join('/')} ms, longest task ${fmt(r.app.longestTaskMs)} ms`);
      result.runs.push(r);
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  fs.writeFileSync(out, JSON.stringify(result, null, 1));
  console.log(report(result));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
