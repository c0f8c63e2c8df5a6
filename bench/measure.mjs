#!/usr/bin/env node
// Wijkpeil benchmark, measured in Debian's Chromium: first-load sizes of the
// three apps of one build (volunteer /, resident survey /enquete/,
// coordinator /beheer/) against the 250 kB budget; the volunteer app's first
// load (FCP, form usable); opening a survey link on a phone profile (survey
// usable) and opening the coordinator app on a laptop-sized window (its first
// "Kopie maken" usable), each cold and cached, with and without 4× CPU
// throttling; save latency and taps per contact in the volunteer app. Saves
// are measured twice: with IndexedDB on disk (a persistent profile in a fresh
// directory under the OS temp dir, as on a tablet; a save's "strict"
// durability waits for the flush there) and in memory (Playwright's ordinary
// contexts are off the record, as in the earlier figures); on disk, also the
// cost of the durability option alone, strict against relaxed. The staff
// apps run on a device whose staff codes are set up, in tabs already
// unlocked (bench/device.mjs; what that means for a cold load: see
// firstLoadRun); the survey link on a phone without them.
//
// A benchmark, not a test: it has no thresholds and never fails on a slow
// figure; it exits non-zero only when it could not measure (app did not load,
// a save never showed its status, a cached survey or coordinator load did not
// come from the service worker, ...). Normally started by bench/run, which
// builds the three apps (scripts/build) and serves them; by hand:
//
//   node tools/serve-static.mjs target/bench/dist 4199 &
//   BENCH_URL=http://127.0.0.1:4199/ BENCH_DIST=target/bench/dist node bench/measure.mjs
//   node bench/measure.mjs --report bench/results/latest.json   # table only
//
// Env: BENCH_URL (default http://127.0.0.1:4199/), BENCH_DIST (directory that
// is served; default dist), BENCH_RUNS (runs per first-load, survey-link and
// coordinator row, default 5), BENCH_SAVES (default 200), BENCH_OUT (JSON
// path, default bench/results/latest.json), BENCH_CHROMIUM (default
// /usr/bin/chromium), BENCH_SOURCE (the commit to name in the report when
// BENCH_DIST was built from another commit than the checkout's).
//
// Progress goes to stderr; the Markdown table goes to stdout.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config.mjs';
import { asDevice, prepareDevice, setUpDevice } from './device.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BUDGET_BYTES = 250 * 1000; // 250 kB gzipped (kB = 1000 bytes)
const SETTINGS = { location: 'wijkplein-centrum', lang: 'nl', initials: '' };
// The three apps of one build (scripts/build). The budget is the volunteer
// app's; the other two are held against the same figure for comparison.
const APPS = [
  { id: 'volunteer', name: 'Volunteer app (/)', html: 'index.html', budgetApplies: true },
  { id: 'survey', name: 'Resident survey app (/enquete/)', html: 'enquete/index.html', budgetApplies: false },
  { id: 'coordinator', name: 'Coordinator app (/beheer/)', html: 'beheer/index.html', budgetApplies: false },
];
// A survey link as a QR code hands it out; "usable" = this button is enabled
// (see BUTTON_LOADS).
const SURVEY_PATH = '/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord';
const SURVEY_START = 'Beginnen';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SUBMIT = 'button[type=submit]';
const FIRST_DOMAIN = '#domain-group-0-0';

const log = (...a) => console.error('[bench]', ...a);

// The staff device every staff-app context is on (bench/device.mjs): staff
// codes set up once on the lock page (main), then each fresh context gets
// that lock config, a session and the text key before any page script.
// Without it the volunteer and coordinator apps hand over to the lock page
// (whose own submit button the form probe would take for the form's).
let device = null;

// ---------------------------------------------------------------- statistics

function quantile(values, q) {
  // Nearest-rank: the smallest value with at least q of the samples at or
  // below it. With 5 samples p95 is the maximum.
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
}

function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return {
    n: v.length,
    median: quantile(v, 0.5),
    p95: quantile(v, 0.95),
    min: v.length ? Math.min(...v) : null,
    max: v.length ? Math.max(...v) : null,
  };
}

// --------------------------------------------------------------------- sizes

function gzipSize(buf) {
  return zlib.gzipSync(buf, { level: 9 }).length;
}

// Cross-checks: GNU gzip's own deflate packs wasm about 1 % tighter than
// zlib at the same level, and hosts may serve brotli instead.
let haveGzipCli = true;
function gzipCliSize(file) {
  if (!haveGzipCli) return null;
  try {
    return execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 28 }).length;
  } catch {
    haveGzipCli = false;
    return null;
  }
}

function brotliSize(buf) {
  return zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

function measureSizes(dist) {
  const walk = (dir) =>
    fs.readdirSync(dir).flatMap((n) => {
      if (n.startsWith('.')) return []; // Trunk's staging directories
      const p = path.join(dir, n);
      return fs.statSync(p).isDirectory() ? walk(p) : [p];
    });
  const files = walk(dist).map((p) => path.relative(dist, p).split(path.sep).join('/'));
  const cache = new Map();
  const info = (name) => {
    if (!cache.has(name)) {
      const file = path.join(dist, name);
      const buf = fs.readFileSync(file);
      cache.set(name, { file: name, raw: buf.length, gzip: gzipSize(buf), gzipCli: gzipCliSize(file), brotli: brotliSize(buf) });
    }
    return cache.get(name);
  };
  const assets = files.filter((n) => /\.(wasm|js|css)$/.test(n)).sort().map(info);
  const total = (list, k) => (list.every((f) => f[k] !== null) ? list.reduce((s, f) => s + f[k], 0) : null);

  // Per app, what the browser needs before the app can start, read from the
  // app's own index.html: the page, the wasm-bindgen glue, the wasm, the
  // stylesheet, sw-register.js and the manifest (counted although headless
  // Chromium does not fetch it: a browser that offers to install the app
  // does). Icons are left out (the favicon is 0.3 kB). sw.js and the
  // precache come after "load"; they are the "whole build" row.
  const apps = [];
  for (const app of APPS) {
    if (!files.includes(app.html)) {
      log(`sizes: ${app.html} not in the build; skipping the ${app.name}`);
      continue;
    }
    const refs = firstLoadRefs(fs.readFileSync(path.join(dist, app.html), 'utf8'), app.html, dist);
    const missing = refs.filter((r) => !files.includes(r));
    if (missing.length) throw new Error(`${app.html} refers to files not in the build: ${missing.join(', ')}`);
    const list = [app.html, ...refs].map(info);
    const gzip = total(list, 'gzip');
    const over = gzip - BUDGET_BYTES;
    apps.push({
      id: app.id,
      name: app.name,
      budgetApplies: app.budgetApplies,
      files: list,
      raw: total(list, 'raw'),
      gzip,
      gzipCli: total(list, 'gzipCli'),
      brotli: total(list, 'brotli'),
      budgetGzip: BUDGET_BYTES,
      verdict: over <= 0 ? 'within budget' : `over budget by ${kb(over)} kB`,
      headroomGzip: -over,
    });
  }

  // Everything the (one, shared) service worker precaches right after the
  // first load of any of the apps: the whole build.
  const all = files.map((name) => {
    const buf = fs.readFileSync(path.join(dist, name));
    return { file: name, raw: buf.length, gzip: gzipSize(buf) };
  });
  return {
    assets,
    apps,
    wholeDist: { files: all.length, raw: total(all, 'raw'), gzip: total(all, 'gzip'), list: all },
  };
}

// The files an app's index.html makes the browser fetch before the app runs,
// as paths inside the build, in the order html, js, wasm, css, other.
function firstLoadRefs(html, htmlPath, dist) {
  const urls = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]);
  // Trunk's start-up module and the coordinator's loader are files of their
  // own (tools/external-scripts.mjs): what they import is read from them.
  let code = html;
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="(\/[^"]+)"/g)) {
    code += fs.readFileSync(path.join(dist, decodeURIComponent(m[1])), 'utf8');
  }
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(m[0]);
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (rel && href && /^(stylesheet|modulepreload|preload|manifest)$/.test(rel[1])) urls.add(href[1]);
  }
  // Trunk's module script: import init from '…js'; init({ module_or_path: '…wasm' }).
  for (const m of code.matchAll(/(?:\bfrom|module_or_path:)\s*['"]([^'"]+)['"]/g)) urls.add(m[1]);
  // The coordinator's loader (tools/coordinator-areas.mjs) names one build
  // per area; the address without a fragment opens the start area's.
  const bundles = /const bundles = (\{.*\});/.exec(code);
  const start = /const start = "([^"]+)";/.exec(code);
  if (bundles && start) {
    const bundle = JSON.parse(bundles[1])[start[1]];
    urls.add(bundle.js);
    urls.add(bundle.wasm);
  }
  const base = new URL(htmlPath, 'http://x/');
  const order = (p) => [/\.js$/, /\.wasm$/, /\.css$/].findIndex((re) => re.test(p) && !p.endsWith('sw-register.js'));
  return [...urls]
    .map((u) => new URL(u, base))
    .filter((u) => u.origin === base.origin)
    .map((u) => decodeURIComponent(u.pathname).replace(/^\//, ''))
    .sort((a, b) => ((order(a) + 4) % 4) - ((order(b) + 4) % 4));
}

function kb(bytes) {
  return (bytes / 1000).toFixed(1);
}

// ------------------------------------------------------------------- browser

// Runs before any page script on every navigation: device settings (so the
// registration form shows instead of the location chooser) and an observer
// that notes the moment the form's submit button exists and is enabled.
function initScript(settings) {
  try {
    localStorage.setItem('wijkpeil.settings', JSON.stringify(settings));
  } catch {
    /* storage disabled: the app will show the location chooser */
  }
  if (window.top !== window) return;
  const bench = (window.__bench = { ready: null, readyFrame: null });
  const check = () => {
    if (bench.ready !== null) return;
    const button = document.querySelector('button[type=submit]');
    if (button && !button.disabled) {
      bench.ready = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        bench.readyFrame = performance.now();
      });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled'],
  });
}

// A fresh context (empty HTTP cache, no service worker) on the staff
// device, this tab unlocked as a volunteer.
async function newContext(browser) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await context.addInitScript(initScript, SETTINGS);
  await asDevice(context, device, 'volunteer');
  return context;
}

async function throttle(context, page, rate) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

// A fixed amount of JS work timed in the page: shows that the CDP throttle
// really applies (the throttled figure should be about rate × unthrottled).
async function calibrate(page) {
  // Long enough (~50 ms unthrottled) to span several of the throttler's
  // time slices; the median of three.
  return page.evaluate(() => {
    const times = [];
    let x = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      for (let i = 0; i < 1e7; i++) x = (x + i * 7) % 1000003;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { ms: times[1], x };
  });
}

async function waitReady(page, timeout = 60_000) {
  await page.waitForFunction(() => window.__bench && window.__bench.ready !== null, null, {
    timeout,
    polling: 50,
  });
  // FCP is normally before the form is ready; give the entry a moment.
  await page
    .waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint').length > 0 && window.__bench.readyFrame !== null,
      null,
      { timeout: 5_000, polling: 50 },
    )
    .catch(() => {});
  const where = await page.evaluate(() => location.pathname);
  if (where.startsWith('/ontgrendelen/')) throw new Error(`the app handed over to the lock page (${where}): the probe saw the lock page's button, not the form's`);
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      fcp: fcp ? fcp.startTime : null,
      tti: window.__bench.ready,
      ttiFrame: window.__bench.readyFrame,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      load: nav ? nav.loadEventEnd || null : null,
      controlledWhenRead: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
    };
  });
}

async function waitControlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}

// One measured navigation to `url`. For `cached`, the page is opened once
// first and the service worker must control it; `leaveFirst` then navigates
// away, so that a URL with a fragment is loaded again in full. `rate` > 1
// throttles the CPU. `waitReady` reads the timings once the app is usable.
async function timedLoad(context, page, url, { kind, rate, waitReady, leaveFirst = false, onPrimed = () => {} }) {
  if (kind === 'cached') {
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);
    await waitControlled(page);
    if (leaveFirst) await page.goto('about:blank');
    onPrimed();
  }
  if (rate > 1) await throttle(context, page, rate);
  const response = await page.goto(url, { waitUntil: 'commit' });
  const result = await waitReady(page);
  result.documentFromServiceWorker = response ? response.fromServiceWorker() : null;
  return result;
}

// Runs `run(kind, rate, record)` over cold/cached × 1×/4×, after one
// discarded warm-up, round-robin so slow drift on the machine spreads
// evenly; `check` sees (and may refuse) every sample.
async function timeCells(label, runs, run, check) {
  const cells = [];
  for (const kind of ['cold', 'cached']) {
    for (const rate of [1, 4]) cells.push({ kind, rate, samples: [] });
  }
  log(`${label}: warm-up run (discarded)`);
  await run('cold', 1, false);
  for (let i = 0; i < runs; i++) {
    for (const cell of cells) {
      const sample = await run(cell.kind, cell.rate, i === 0);
      check(cell, sample, i);
      cell.samples.push(sample);
    }
  }
  for (const cell of cells) {
    cell.fcp = summary(cell.samples.map((s) => s.fcp));
    cell.allFromServiceWorker = cell.samples.every((s) => s.documentFromServiceWorker);
  }
  return cells;
}

// Cold: a fresh context, so an empty HTTP cache and no service worker, on a
// device whose staff codes are set up and in a tab that is already unlocked
// (the lock config, the session and the text key put into storage before
// any page script; bench/device.mjs). What the lock costs in that figure:
// only the app's own check of the tab's session (a sessionStorage read in
// the wasm before it opens the database) and the write of its "last
// active" time. The text key adds one fetch: with a key in the tab the app
// imports /at-rest.js (2 kB) at its first store read, even of an empty
// today list; measured on this build it starts after the form is usable,
// so it is in "Cold load fetched by the page" but not in the times (without
// a key it is not fetched at all). Not in it: the lock page itself
// (its own wasm and the codes' key derivation, when a person unlocks before
// the app's navigation starts), nor what that visit would leave in the
// cache or the service worker it would start, which a cold load excludes.
async function firstLoadRun(browser, url, kind, rate, record) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    const requests = [];
    if (record) {
      page.on('response', async (r) => {
        const u = new URL(r.url());
        requests.push({ path: u.pathname, status: r.status(), fromServiceWorker: r.fromServiceWorker() });
      });
    }
    const result = await timedLoad(context, page, url, {
      kind,
      rate,
      waitReady,
      onPrimed: () => (requests.length = 0),
    });
    if (record) {
      result.calibrationMs = (await calibrate(page)).ms;
      await page.waitForLoadState('load');
      await page.waitForTimeout(1000); // let the service worker's precache requests land
      result.requests = requests.slice();
    }
    return result;
  } finally {
    await context.close();
  }
}

async function measureFirstLoad(browser, url, runs) {
  const cells = await timeCells(
    'first load',
    runs,
    (kind, rate, record) => firstLoadRun(browser, url, kind, rate, record),
    (cell, sample, i) =>
      log(
        `first load ${cell.kind} ${cell.rate}x run ${i + 1}/${runs}: ` +
          `FCP ${fmt(sample.fcp)} ms, form usable ${fmt(sample.tti)} ms` +
          (cell.kind === 'cached' ? `, document from SW: ${sample.documentFromServiceWorker}` : ''),
      ),
  );
  for (const cell of cells) {
    cell.tti = summary(cell.samples.map((s) => s.tti));
    cell.ttiFrame = summary(cell.samples.map((s) => s.ttiFrame));
  }
  return cells;
}

// ------------------------------------------------------------ button loads

// Loads of an app measured up to "a button with this name is enabled": a
// survey link on a phone (the survey's start button) and the coordinator app
// on a laptop (the first survey card's "Kopie maken"). One entry per
// measurement; main() and report() loop over this list, and the results go to
// result[id]. `first`: the app shows several such buttons and the first one
// counts; otherwise there must be exactly one. `slow(rate)` labels the
// throttled rows; `fetched(r, requests)` writes the line about what a cold
// visit fetched.
const BUTTON_LOADS = [
  {
    id: 'survey',
    // A survey link as a QR code hands it out.
    path: SURVEY_PATH,
    context: PHONE,
    button: SURVEY_START,
    first: false,
    // A resident's phone: no staff codes, no lock (the survey app has none).
    staff: null,
    label: 'survey link',
    title: 'Opening a survey link on a phone',
    usableColumn: 'Survey usable',
    note: null,
    slow: (rate) => `${rate}× slower (mid-range phone)`,
    fetched: (r, requests) => {
      const { byPage, bySw, gz, own } = fetchedFiles(r, requests, 'survey');
      // The other two apps' first-load files that the survey app does not share.
      const others = new Set(
        r.sizes.apps.filter((a) => a.id !== 'survey').flatMap((a) => a.files.map((f) => f.file).filter((f) => !own.has(f))),
      );
      const staff = bySw.filter((f) => others.has(f));
      const staffWasm = staff.filter((f) => f.endsWith('.wasm')).map(hashless);
      return (
        `Cold visit, fetched by the page: ${byPage.join(', ')}. Right after, the survey's service worker ` +
        `(/enquete/sw.js) fetched ${bySw.length} files, ${kb(gz(bySw))} kB gzipped; ${staff.length} of them, ` +
        `${kb(gz(staff))} kB gzipped, are the volunteer and coordinator apps' own files` +
        (staffWasm.length ? ` (${staffWasm.join(', ')} among them). ` : '. ') +
        `Total for a resident's first visit: ${kb(gz([...new Set([...own, ...bySw])]))} kB gzipped.`
      );
    },
  },
  {
    id: 'coordinator',
    // Opens on the survey list: one "Kopie maken" per survey card, no
    // location needed.
    path: '/beheer/',
    context: { viewport: { width: 1280, height: 800 } },
    button: 'Kopie maken',
    first: true,
    // The staff device, this tab unlocked as coordinator; cold as for the
    // volunteer app's first load (see firstLoadRun).
    staff: 'coordinator',
    label: 'coordinator app',
    title: 'Opening the coordinator app',
    usableColumn: 'App usable',
    note: 'one per survey card on the start screen, the survey list',
    slow: (rate) => `${rate}× slower`,
    fetched: (r, requests) => {
      const { byPage, bySw, gz, own } = fetchedFiles(r, requests, 'coordinator');
      return (
        `Cold load fetched by the page: ${byPage.join(', ')}. Right after, the staff service worker (/sw.js) ` +
        `fetched ${bySw.length} of the build's ${r.sizes.wholeDist.files} files (itself and its precache: every app, ` +
        `for offline use), ${kb(gz(bySw))} kB gzipped. ` +
        `Total for a coordinator's first visit: ${kb(gz([...new Set([...own, ...bySw])]))} kB gzipped.`
      );
    },
  },
];

// Runs before any page script on every navigation of a probe context: once
// per animation frame, looks for a button whose name is `name` (with
// `first`, the first such button in document order) and notes
// performance.now() in the first frame in which it exists and is enabled.
// After the run the benchmark checks that Playwright's
// getByRole('button', { name }) (with `first`, its .first()) finds the very
// same element.
function buttonProbe({ name, first }) {
  if (window.top !== window) return;
  const bench = (window.__bench = { ready: null, frames: 0, element: null });
  const enabled = (el) => !el.disabled && el.getAttribute('aria-disabled') !== 'true';
  const find = () => {
    for (const el of document.querySelectorAll('button, [role=button]')) {
      const label = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
      if (label !== name) continue;
      if (enabled(el)) return el;
      if (first) return null;
    }
    return null;
  };
  const frame = () => {
    bench.frames++;
    const el = find();
    if (el) {
      bench.ready = performance.now();
      bench.element = el;
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function newProbeContext(browser, load) {
  const context = await browser.newContext({ ...load.context, serviceWorkers: 'allow' });
  await context.addInitScript(buttonProbe, { name: load.button, first: load.first });
  if (load.staff) await asDevice(context, device, load.staff);
  return context;
}

function probeLocator(page, load) {
  const locator = page.getByRole('button', { name: load.button, exact: true });
  return load.first ? locator.first() : locator;
}

async function waitButtonReady(page, load, timeout = 60_000) {
  await page.waitForFunction(() => window.__bench && window.__bench.ready !== null, null, { timeout, polling: 50 });
  await page
    .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, {
      timeout: 5_000,
      polling: 50,
    })
    .catch(() => {});
  const result = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      fcp: fcp ? fcp.startTime : null,
      usable: window.__bench.ready,
      frames: window.__bench.frames,
      controlledWhenRead: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
    };
  });
  // The probe's button is the one with that accessible name (the only one,
  // or with `first` the first one).
  result.accessibleNameChecked = await probeLocator(page, load)
    .evaluate((el) => el === window.__bench.element, null, { timeout: 5_000 })
    .catch(() => false);
  return result;
}

async function buttonLoadRun(browser, load, url, kind, rate, record) {
  const context = await newProbeContext(browser, load);
  try {
    const page = await context.newPage();
    const requests = [];
    if (record) {
      // Context-wide: the page's requests and the service worker's own.
      context.on('requestfinished', async (r) => {
        const response = await r.response().catch(() => null);
        requests.push({
          path: new URL(r.url()).pathname,
          by: r.serviceWorker() ? 'service worker' : 'page',
          status: response ? response.status() : null,
          fromServiceWorker: response ? response.fromServiceWorker() : null,
        });
      });
    }
    // Same URL with a fragment would be a same-document navigation; the
    // cached run leaves first so the measured one is a full load, as when
    // the link (or app) is opened again.
    const result = await timedLoad(context, page, url, {
      kind,
      rate,
      waitReady: (p) => waitButtonReady(p, load),
      leaveFirst: true,
      onPrimed: () => (requests.length = 0),
    });
    if (record) {
      result.calibrationMs = (await calibrate(page)).ms;
      await page.waitForLoadState('load');
      if (kind === 'cold') await waitControlled(page); // the precache is complete
      await page.waitForTimeout(500);
      result.requests = requests.slice();
    }
    return result;
  } finally {
    await context.close();
  }
}

async function measureButtonLoad(browser, load, url, runs) {
  const cells = await timeCells(
    load.label,
    runs,
    (kind, rate, record) => buttonLoadRun(browser, load, url, kind, rate, record),
    (cell, sample, i) => {
      log(
        `${load.label} ${cell.kind} ${cell.rate}x run ${i + 1}/${runs}: ` +
          `FCP ${fmt(sample.fcp)} ms, "${load.button}" usable ${fmt(sample.usable)} ms` +
          (cell.kind === 'cached' ? `, document from SW: ${sample.documentFromServiceWorker}` : ''),
      );
      if (!sample.accessibleNameChecked) {
        throw new Error(`${load.label}: the probe's button is not ${probeLocatorText(load)}`);
      }
      if (cell.kind === 'cached' && !sample.documentFromServiceWorker) {
        throw new Error(`cached ${load.label} run: the document did not come from the service worker`);
      }
    },
  );
  for (const cell of cells) cell.usable = summary(cell.samples.map((s) => s.usable));
  return { url, device: load.context, cells };
}
// -------------------------------------------------------------------- saves

// Notes, in the page's clock, every click on the submit button (the input
// event's own timestamp) and every time a new "saved" status line appears.
function installSaveProbe() {
  const probe = (window.__save = { clicks: [], shown: [], shownFrame: [], last: null });
  window.addEventListener(
    'click',
    (e) => {
      if (e.target instanceof Element && e.target.closest('button[type=submit]')) probe.clicks.push(e.timeStamp);
    },
    true,
  );
  const observer = new MutationObserver(() => {
    const line = document.querySelector('form [role=status] p.saved');
    if (line && line !== probe.last) {
      probe.last = line;
      probe.shown.push(performance.now());
      requestAnimationFrame(() => probe.shownFrame.push(performance.now()));
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

async function todayCount(page) {
  const text = (await page.textContent('#today-title')) || '';
  const m = text.match(/\((\d+)\)/);
  return m ? Number(m[1]) : null;
}

async function waitTodayCount(page, n, timeout = 10_000) {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('#today-title');
      const m = el && el.textContent.match(/\((\d+)\)/);
      // Loaded (a list or the "none yet" line), not the loading line, which
      // also reads "(0)".
      const loaded = document.querySelector('section.today ul.today-list, section.today p.empty');
      return !!(m && Number(m[1]) === n && loaded);
    },
    n,
    { timeout, polling: 50 },
  );
}

async function saveOnce(page, done) {
  await page.click(FIRST_DOMAIN);
  await page.click(SUBMIT);
  await page.waitForFunction((n) => window.__save.shown.length >= n, done + 1, { timeout: 15_000 });
}

// Saves in an ordinary context (`browser.newContext()`): Playwright makes it
// off the record, so Chromium keeps its IndexedDB in memory and a save never
// waits for the disk. Kept as the row the earlier figures compare with.
async function measureSaves(browser, url, count) {
  const context = await newContext(browser);
  try {
    return await savesIn(context, url, count);
  } finally {
    await context.close();
  }
}

// Saves with IndexedDB on disk, as on a tablet: a persistent profile in a
// fresh directory under the OS temp dir. Here a transaction with durability
// "strict" waits for the flush to the storage device.
async function measureSavesOnDisk(url, count, executablePath) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkpeil-bench-profile-'));
  let filesystem = 'unknown';
  try {
    const df = execFileSync('df', ['--output=source,fstype', dir]).toString().trim().split('\n');
    filesystem = df[df.length - 1].trim().replace(/\s+/, ' ');
  } catch {
    /* no df: the report says unknown */
  }
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    args: chromiumArgs,
    headless: true,
    serviceWorkers: 'allow',
  });
  try {
    await context.addInitScript(initScript, SETTINGS);
    // A tablet: its codes set up on the lock page in this profile (which
    // leaves its first tab on the volunteer app, the database made), every
    // later tab unlocked as a volunteer. The first tab leaves the app, so
    // that only the measured tab runs it.
    const { page: setUp } = await setUpDevice(context, url, { role: 'volunteer', label: 'saves on disk' });
    await setUp.goto('about:blank');
    const saves = await savesIn(context, url, count);
    const commits = await commitsByDurability(context, url, count);
    return { ...saves, profileDir: dir, filesystem, commits };
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The cost of the durability option alone, without the app: `count`
// one-record transactions of each durability, taken in turns so that both
// see the same machine load, in a database of their own on the app's origin.
async function commitsByDurability(context, url, count) {
  const page = await context.newPage();
  await page.goto(new URL('sw-register.js', url).href);
  const times = await page.evaluate(async (n) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('bench-durability', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('s', { keyPath: 'id' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const note = 'x'.repeat(600); // about one contact's JSON
    const out = { strict: [], relaxed: [] };
    for (let i = 0; i < n; i++) {
      for (const durability of i % 2 ? ['strict', 'relaxed'] : ['relaxed', 'strict']) {
        const t0 = performance.now();
        await new Promise((resolve, reject) => {
          const tx = db.transaction(['s'], 'readwrite', { durability });
          tx.objectStore('s').put({ id: `${durability}-${i}`, note });
          tx.oncomplete = resolve;
          tx.onabort = () => reject(tx.error);
        });
        out[durability].push(performance.now() - t0);
      }
    }
    db.close();
    return out;
  }, count);
  await page.close();
  return { strict: summary(times.strict), relaxed: summary(times.relaxed) };
}

async function savesIn(context, url, count) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  await waitTodayCount(page, 0);
  await page.evaluate(installSaveProbe);
  await page.evaluate(() => {
    performance.clearMeasures('save');
    performance.clearMarks('save-start');
    performance.clearMarks('save-durable');
  });
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
    await saveOnce(page, i);
    if ((i + 1) % 50 === 0) log(`saves: ${i + 1}/${count}`);
  }
  const wall = Date.now() - t0;
  await waitTodayCount(page, count, 30_000).catch(() => {});
  const data = await page.evaluate(() => ({
    save: performance.getEntriesByName('save', 'measure').map((e) => e.duration),
    clicks: window.__save.clicks,
    shown: window.__save.shown,
    shownFrame: window.__save.shownFrame,
  }));
  const listed = await todayCount(page);
  await page.evaluate(() => performance.clearMeasures('save'));
  const e2e = data.shown.map((t, i) => t - data.clicks[i]);
  const e2eFrame = data.shownFrame.map((t, i) => t - data.clicks[i]);
  const w = Math.max(1, Math.min(50, Math.floor(count / 4)));
  const slice = (arr, a, b) => summary(arr.slice(a, b));
  return {
    count,
    measures: data.save.length,
    listedAfter: listed,
    wallMs: wall,
    durable: { ...summary(data.save), first: data.save[0] ?? null },
    clickToStatus: summary(e2e),
    clickToStatusFrame: summary(e2eFrame),
    // Does saving get slower as today's list grows?
    window: w,
    durableFirst: slice(data.save, 0, w),
    durableLast: slice(data.save, -w),
    clickToStatusFirst: slice(e2e, 0, w),
    clickToStatusLast: slice(e2e, -w),
    samples: { durable: data.save, clickToStatus: e2e },
  };
}

// --------------------------------------------------------------------- taps

async function measureTaps(browser, url) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await waitReady(page);
    await waitTodayCount(page, 0);
    const checkedLabel = (fieldset) =>
      page.evaluate((fs) => {
        const input = document.querySelector(`#${fs} input:checked`);
        const label = input && input.closest('label');
        return label ? (label.querySelector('.tile-label') || label).textContent.trim() : null;
      }, fieldset);
    const defaults = {
      channel: await checkedLabel('channel'),
      outcome: await checkedLabel('outcome'),
      supportForm: await checkedLabel('support-form'),
    };
    const before = await todayCount(page);
    await page.evaluate(installSaveProbe);
    let taps = 0;
    const tap = async (selector) => {
      taps++;
      await page.click(selector);
    };
    await tap(FIRST_DOMAIN); // the one thing that has no sensible default
    await tap(SUBMIT);
    await page.waitForFunction(() => window.__save.shown.length >= 1, null, { timeout: 15_000 });
    await waitTodayCount(page, before + 1);
    const after = await todayCount(page);
    // Stored for real: still there after a reload (read back from IndexedDB).
    await page.reload({ waitUntil: 'load' });
    await waitReady(page);
    await waitTodayCount(page, before + 1).catch(() => {});
    const afterReload = await todayCount(page);
    return {
      taps,
      description: '1 domain tap + 1 save',
      defaults,
      todayBefore: before,
      todayAfter: after,
      todayAfterReload: afterReload,
      stored: after === before + 1 && afterReload === before + 1,
    };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ report

// Trunk's content hashes (16 hex digits, fewer when they start with zeros).
function hashless(name) {
  return name.replace(/-[0-9a-f]{8,16}(?=[._])/g, '-*');
}

function fmt(x, digits = 0) {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function probeLocatorText(load) {
  return `getByRole('button', { name: '${load.button}' })${load.first ? '.first()' : ''}`;
}

// What a cold visit recorded: the page's own requests (hashless paths), the
// files the service worker fetched (paths inside the build), a gzip total
// over files of the build, and the app's own first-load files.
function fetchedFiles(r, requests, appId) {
  const byPage = requests.filter((q) => q.by === 'page').map((q) => hashless(q.path));
  const bySw = [...new Set(requests.filter((q) => q.by !== 'page').map((q) => q.path.replace(/^\//, '')))];
  const list = new Map(r.sizes.wholeDist.list.map((f) => [f.file, f]));
  const gz = (files) => files.filter((f) => list.has(f)).reduce((s, f) => s + list.get(f).gzip, 0);
  const own = new Set(r.sizes.apps.filter((a) => a.id === appId).flatMap((a) => a.files.map((f) => f.file)));
  return { byPage, bySw, gz, own };
}

function buttonLoadReport(r, load) {
  const out = [];
  const res = r[load.id];
  const d = res.device;
  const n = res.cells[0].usable.n;
  const u = new URL(res.url);
  out.push(`### ${load.title} (${n} runs per row; median / p95, ms from navigation start)`);
  out.push('');
  out.push(
    `\`${u.pathname}${u.hash}\`, ${d.viewport.width}×${d.viewport.height}` +
      `${d.isMobile ? ', isMobile' : ''}${d.hasTouch ? ', hasTouch' : ''}. ` +
      `"Usable": the first animation frame in which the ${load.first ? 'first ' : ''}button "${load.button}" ` +
      `exists and is enabled${load.note ? ` (${load.note})` : ''}.`,
  );
  out.push('');
  out.push(`| Load | CPU | First contentful paint | ${load.usableColumn} ("${load.button}" enabled) |`);
  out.push('|---|---|---:|---:|');
  for (const c of res.cells) {
    const label = c.kind === 'cold' ? 'cold (fresh context)' : 'cached (SW controls page)';
    out.push(
      `| ${label} | ${c.rate === 1 ? 'no throttling' : load.slow(c.rate)} | ` +
        `${fmt(c.fcp.median)} / ${fmt(c.fcp.p95)} | ${fmt(c.usable.median)} / ${fmt(c.usable.p95)} |`,
    );
  }
  out.push('');
  const cached = res.cells.filter((c) => c.kind === 'cached');
  out.push(
    `Throttle check: ${res.cells.map((c) => `${c.kind} ${c.rate}×: ${fmt(c.samples[0].calibrationMs)} ms`).join(', ')}. ` +
      `Cached rows: document from the service worker in ${cached.every((c) => c.allFromServiceWorker) ? 'every' : 'NOT every'} run. ` +
      `The probe's button was ${probeLocatorText(load)} in every run.`,
  );
  const requests = res.cells[0].samples[0].requests || [];
  if (requests.length) {
    out.push('');
    out.push(load.fetched(r, requests));
  }
  return out.join('\n');
}
export function report(r) {
  const out = [];
  const s = r.sizes;
  out.push(`## Wijkpeil benchmark — ${r.meta.date}`);
  out.push('');
  out.push(
    `Chromium ${r.meta.chromium}, ${r.meta.cpus} cores (${r.meta.cpuModel}), Node ${r.meta.node}, ` +
      `source ${r.meta.git}, load average ${r.meta.loadavg[0]} before / ${r.meta.loadavgAfter[0]} after. Times are wall-clock on a shared ${r.meta.cpus}-core machine: ` +
      `single runs of one row can differ by 2×; compare medians, not single figures.`,
  );
  out.push('');
  out.push(`### Sizes (${r.meta.dist}/)`);
  out.push('');
  const k = (x) => (x === null || x === undefined ? '–' : `${kb(x)} kB`);
  out.push('| File | Raw | gzip -9 (node:zlib) | gzip(1) -9 | brotli 11 |');
  out.push('|---|---:|---:|---:|---:|');
  for (const f of s.assets) out.push(`| ${hashless(f.file)} | ${k(f.raw)} | ${k(f.gzip)} | ${k(f.gzipCli)} | ${k(f.brotli)} |`);
  out.push('');
  out.push(`### First load per app (budget: ${kb(BUDGET_BYTES)} kB gzipped)`);
  out.push('');
  out.push('| App | Raw | gzip -9 (node:zlib) | gzip(1) -9 | brotli 11 | Verdict (node:zlib) |');
  out.push('|---|---:|---:|---:|---:|---|');
  for (const a of s.apps) {
    out.push(
      `| ${a.name}${a.budgetApplies ? '' : ' ¹'} | ${k(a.raw)} | **${k(a.gzip)}** | ${k(a.gzipCli)} | ${k(a.brotli)} | ` +
        `${a.verdict}${a.headroomGzip >= 0 ? ` (${kb(a.headroomGzip)} kB headroom)` : ''} |`,
    );
  }
  out.push(
    `| Whole build (what a staff device's service worker precaches, ${s.wholeDist.files} files) | ` +
      `${k(s.wholeDist.raw)} | ${k(s.wholeDist.gzip)} | | | |`,
  );
  out.push('');
  for (const a of s.apps) out.push(`- ${a.name}: ${a.files.map((f) => hashless(f.file)).join(', ')}.`);
  out.push('');
  out.push(
    '¹ The 250 kB budget is the volunteer app\'s; the survey and coordinator apps are held against the same figure ' +
      'for comparison. Verdicts on the node:zlib figure; kB = 1000 bytes. The test server does not compress: these ' +
      'are what a compressing host would send.',
  );
  out.push('');
  out.push(`### First load (${r.firstLoad[0].tti.n} runs per row; median / p95, ms from navigation start)`);
  out.push('');
  if (r.meta.staffDevice) out.push(
    'A staff device with its codes set up, the tab already unlocked as a volunteer (session and text key in storage ' +
      'before the page\'s scripts; the lock page and the unlock are not in these figures). Cold: a fresh context, ' +
      'empty HTTP cache, no service worker.',
    '',
  );
  out.push('| Load | CPU | First contentful paint | Form usable (submit enabled) |');
  out.push('|---|---|---:|---:|');
  for (const c of r.firstLoad) {
    const label = c.kind === 'cold' ? 'cold (empty cache, no SW)' : 'cached (SW controls page)';
    out.push(
      `| ${label} | ${c.rate === 1 ? 'no throttling' : `${c.rate}× slower`} | ` +
        `${fmt(c.fcp.median)} / ${fmt(c.fcp.p95)} | ${fmt(c.tti.median)} / ${fmt(c.tti.p95)} |`,
    );
  }
  out.push('');
  const cal = r.firstLoad.map((c) => c.samples[0].calibrationMs);
  out.push(
    `Throttle check (same JS loop after load, first run of each row, median of 3): ${r.firstLoad
      .map((c, i) => `${c.kind} ${c.rate}×: ${fmt(cal[i])} ms`)
      .join(', ')}.` + (r.firstLoad[0].tti.n < 20 ? ` With ${r.firstLoad[0].tti.n} runs, p95 is the slowest run.` : ''),
  );
  const fetched = (r.firstLoad[0].samples[0].requests || []).map((q) => hashless(q.path));
  if (fetched.length) {
    out.push('');
    out.push(`Cold load fetched by the page: ${fetched.join(', ')} (plus sw.js and the precache, from the service worker).`);
  }
  out.push('');
  // An older results file may lack a measurement (no coordinator section).
  for (const load of BUTTON_LOADS) if (r[load.id]) out.push(buttonLoadReport(r, load), '');
  for (const [sv, where] of [
    [r.savesOnDisk, `IndexedDB on disk: a persistent profile on ${r.savesOnDisk ? r.savesOnDisk.filesystem : ''}`],
    [r.saves, 'IndexedDB in memory: an off-the-record context, as in the earlier figures'],
  ]) {
    if (sv) out.push(saveReport(sv, where), '');
  }
  const t = r.taps;
  out.push('### Taps for the most common contact');
  out.push('');
  out.push(
    `Walk-in, one domain, handled directly: **${t.taps} taps** (${t.description}); defaults: ` +
      `channel "${t.defaults.channel}", outcome "${t.defaults.outcome}", support "${t.defaults.supportForm}". ` +
      `"Vandaag (n)": ${t.todayBefore} → ${t.todayAfter}, after reload ${t.todayAfterReload} → ` +
      `${t.stored ? 'stored' : 'NOT stored'}.`,
  );
  return out.join('\n');
}

function saveReport(sv, where) {
  const out = [];
  out.push(`### Save latency, ${where} (${sv.count} saves, one domain each, no throttling; ms)`);
  out.push('');
  out.push('| Measure | p50 | p95 | max |');
  out.push('|---|---:|---:|---:|');
  out.push(
    `| Tap-to-durable (app's \`save\` measure: submit handler → IndexedDB transaction complete) | ` +
      `${fmt(sv.durable.median, 1)} | ${fmt(sv.durable.p95, 1)} | ${fmt(sv.durable.max, 1)} |`,
  );
  out.push(
    `| Click → "Opgeslagen" status in the DOM (input event timestamp → MutationObserver) | ` +
      `${fmt(sv.clickToStatus.median, 1)} | ${fmt(sv.clickToStatus.p95, 1)} | ${fmt(sv.clickToStatus.max, 1)} |`,
  );
  out.push(
    `| Click → next animation frame after the status | ` +
      `${fmt(sv.clickToStatusFrame.median, 1)} | ${fmt(sv.clickToStatusFrame.p95, 1)} | ${fmt(sv.clickToStatusFrame.max, 1)} |`,
  );
  out.push('');
  out.push(
    `First save ${fmt(sv.durable.first, 1)} ms. Durable p50 saves 1–${sv.window}: ${fmt(sv.durableFirst.median, 1)}, ` +
      `saves ${sv.count - sv.window + 1}–${sv.count}: ${fmt(sv.durableLast.median, 1)}; click → status p50 ` +
      `${fmt(sv.clickToStatusFirst.median, 1)} → ${fmt(sv.clickToStatusLast.median, 1)} ` +
      `(today's list grows to ${sv.listedAfter} rows). ${sv.measures} \`save\` measures read.`,
  );
  if (sv.commits) {
    const c = sv.commits;
    out.push('');
    out.push(
      `The durability option alone (${c.strict.n} one-record transactions of each, in turns, same profile, no app): ` +
        `"strict" p50 ${fmt(c.strict.median, 1)} / p95 ${fmt(c.strict.p95, 1)} ms, ` +
        `"relaxed" p50 ${fmt(c.relaxed.median, 1)} / p95 ${fmt(c.relaxed.p95, 1)} ms.`,
    );
  }
  return out.join('\n');
}

// -------------------------------------------------------------------- main

function git() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'index.html', 'enquete.html', 'beheer.html', 'style', 'public', 'Cargo.toml', 'Cargo.lock', 'scripts/build', 'tools/precache.mjs', 'tools/external-scripts.mjs'], {
      cwd: root,
    })
      .toString()
      .trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--report') {
    console.log(report(JSON.parse(fs.readFileSync(args[1], 'utf8'))));
    return;
  }
  const url = process.env.BENCH_URL || 'http://127.0.0.1:4199/';
  const dist = path.resolve(root, process.env.BENCH_DIST || 'dist');
  const runs = Number(process.env.BENCH_RUNS || 5);
  const saves = Number(process.env.BENCH_SAVES || 200);
  const out = path.resolve(root, process.env.BENCH_OUT || 'bench/results/latest.json');
  const executablePath = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';

  log(`sizes of ${dist}`);
  const sizes = measureSizes(dist);

  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  try {
    log('staff device: codes set up on the lock page');
    device = await prepareDevice(browser, url, SETTINGS);
    const result = {
      meta: {
        date: new Date().toISOString(),
        url,
        dist: path.relative(root, dist) || '.',
        runs,
        chromium: browser.version(),
        cpus: os.cpus().length,
        cpuModel: (os.cpus()[0] && os.cpus()[0].model.trim()) || 'unknown',
        loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
        node: process.version,
        // A build of another commit, measured with this script.
        git: process.env.BENCH_SOURCE || git(),
        // Staff apps measured on a device with its codes set up (bench/device.mjs).
        staffDevice: true,
      },
      sizes,
    };
    result.firstLoad = await measureFirstLoad(browser, url, runs);
    for (const load of BUTTON_LOADS) result[load.id] = await measureButtonLoad(browser, load, new URL(load.path, url).href, runs);
    log(`saves on disk: ${saves}`);
    result.savesOnDisk = await measureSavesOnDisk(url, saves, executablePath);
    log(`saves in memory: ${saves}`);
    result.saves = await measureSaves(browser, url, saves);
    log('taps');
    result.taps = await measureTaps(browser, url);
    result.meta.loadavgAfter = os.loadavg().map((x) => Number(x.toFixed(2)));

    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    log(`raw results: ${path.relative(root, out)}`);
    console.log(report(result));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`[bench] error: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
