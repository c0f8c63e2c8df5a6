#!/usr/bin/env node
// Wijkpeil year benchmark (issue: "a large organisation's year on one
// device"): how the apps open, save and export on a device that holds a
// large organisation's year, against the same on a device with an empty
// database.
//
// 1. Generates the year with the import benchmark's seeded generator
//    (bench/import.mjs `generate`, records as the app stores them): 100,000
//    contacts, 20,000 survey responses, 3,000 trajectories, 1,000
//    activities, 300 initiatives, 20 survey versions, spread over 334 days
//    that end now, so the volunteer's "today" holds about 300 contacts (in
//    local time). BENCH_YEAR_SCALE scales every count (0.01: the CI smoke),
//    BENCH_YEAR_YEARS multiplies them and the days (5: five years).
// 2. Per run, two fresh persistent Chromium profiles (IndexedDB on disk, a
//    new directory under the OS temp dir, service workers allowed), in turns
//    (which goes first alternates): "year" and "empty". Each: the device is
//    set up on the lock page with the staff codes of tests/e2e/fixtures.mjs
//    (which makes its text key; every later tab gets that tab's session and
//    key before its scripts run, as an unlock writes them), the volunteer
//    app then creates its database; on a page of the same origin without the
//    app, the records are `put` into their stores (5,000 per transaction;
//    `pending` 1 where revision > shipped_revision; free text sealed with
//    the device's key by the apps' own public/at-rest.js, as they store it)
//    and the stores counted. "Empty": the same without records.
// 3. Measures, on each profile:
//    - open, cached: each app is opened once (the service worker then
//      controls it), then, from about:blank, opened again (the document must
//      come from the service worker) at 1× and at 4× CPU (CDP
//      Emulation.setCPUThrottlingRate): navigation start → usable (probed
//      in the page by a MutationObserver; what "usable" is per screen: see
//      APPS), and the longest task (PerformanceObserver 'longtask') between
//      navigation start and usable + 500 ms;
//    - memory at rest (1 s after usable, 1×): the page's JS heap (CDP
//      Performance.getMetrics JSHeapUsedSize), its wasm memory (the
//      instance Trunk's TrunkApplicationStarted event hands over), the data
//      worker's wasm memory when one runs, and the whole browser's
//      proportional set size (every process, from /proc);
//    - 50 saves in the volunteer app: the app's own `save` measure (submit
//      handler → durable), click → "today (n)" grown by one, click →
//      header's pending count grown by one; reference: one raw IndexedDB
//      `put` with durability "strict" into a database of its own, same
//      origin and profile;
//    - export: the coordinator's settings in a second tab, "Alles
//      exporteren (JSON)" clicked, its download accepted; while it runs the
//      volunteer tab keeps saving. Click → download event, click → the
//      screen's done message; the first export (which marks what was
//      pending as shipped) and a second one (nothing pending) apart;
//      reference: `getAll` of the six stores + `JSON.stringify` of the result
//      in a page of the same profile. Memory again after the exports.
//    Reported: per figure the median (min–max) over the runs, year and empty,
//    and the ratio of the medians.
//
// A benchmark, not a test: no thresholds; it exits non-zero only when it
// could not measure (an app did not become usable, the stores did not hold
// what was put, a cached load did not come from the service worker, a save
// or an export never finished). Normally started by hand:
//
//   node tools/serve-static.mjs target/bench/dist 4199 &
//   BENCH_URL=http://127.0.0.1:4199/ node bench/year.mjs
//   BENCH_YEAR_SCALE=0.01 BENCH_YEAR_RUNS=1 node bench/year.mjs  # CI smoke, < 2 min
//   node bench/year.mjs --report bench/results/year.json           # table only
//
// Env: BENCH_URL (default http://127.0.0.1:4199/), BENCH_YEAR_RUNS (default
// 3), BENCH_YEAR_SCALE (default 1), BENCH_YEAR_YEARS (default 1),
// BENCH_YEAR_SAVES (default 50), BENCH_YEAR_OUT (default
// bench/results/year.json), BENCH_CHROMIUM (default /usr/bin/chromium),
// BENCH_SOURCE (the commit to name when the build is of another one).
//
// Progress goes to stderr; the Markdown table goes to stdout.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshProfile, generate, git, filesystemOf, memorySampler, spread, storeCounts, SETTINGS, SEED, STORES } from './import.mjs';
import { giveSession, setUpOnLockPage } from './device.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (...a) => console.error('[bench:year]', ...a);

// A large organisation's year (scaled by BENCH_YEAR_SCALE × BENCH_YEAR_YEARS).
const YEAR = { contacts: 100000, survey_responses: 20000, trajectories: 3000, activities: 1000, initiatives: 300, surveys: 20 };
const CHUNK = 5000;
const RATES = [1, 4];
const FIRST_DOMAIN = '#domain-group-0-0';
const SUBMIT = 'button[type=submit]';
const EXPORT_BUTTON = 'Alles exporteren (JSON)';
const OPEN_TIMEOUT = 300_000;
// What the apps keep sealed at rest (domain::at_rest::free_text_paths_joined).
const FREE_TEXT = { contacts: 'note initials', trajectories: 'goals.*.text contact_moments.*.note', initiatives: 'support.*.note' };

// The screens opened, and what "usable" is on each (yearProbe).
const APPS = [
  { id: 'volunteer', name: 'Volunteer `/`', path: '/', usable: 'submit enabled, today list loaded, header pending count shown' },
  { id: 'surveys', name: 'Coordinator Enquêtes `/beheer/`', path: '/beheer/', usable: 'survey cards with their response counts' },
  { id: 'settings', name: 'Coordinator Instellingen `/beheer/#/instellingen`', path: '/beheer/#/instellingen', usable: 'record counts shown (`records-stored`)' },
  { id: 'trajectories', name: 'Coordinator Trajecten `/beheer/#/trajecten`', path: '/beheer/#/trajecten', usable: 'growth summary and list drawn' },
  { id: 'survey', name: 'Survey link `/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord`', path: '/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord', usable: '"Beginnen" enabled' },
];

// ---------------------------------------------------------------- statistics

// Nearest rank, as bench/measure.mjs: with fewer than 20 samples p95 is the
// largest but one or the largest.
function quantile(values, q) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
}

function stats(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return { n: v.length, median: quantile(v, 0.5), p95: quantile(v, 0.95), max: v.length ? Math.max(...v) : null };
}

// ------------------------------------------------------------- in the page

// Before any page script, on every navigation of a profile: the device's
// settings (the volunteer app then skips the location chooser).
function settingsScript(settings) {
  try {
    localStorage.setItem('wijkpeil.settings', JSON.stringify(settings));
  } catch {
    /* storage disabled */
  }
}

// Before any page script, once the profile is seeded: long tasks, the wasm
// instance, downloads handed to the browser, and the moment the screen is
// usable (the first DOM change after which its condition holds), with what
// it showed then. `cfg`: what the stored data makes the screens show
// (pending > 0, responses > 0), so a count still loading (drawn as 0) is not
// taken for the loaded one.
function yearProbe(cfg) {
  if (window.top !== window) return;
  const b = (window.__year = { app: null, ready: null, readyFrame: null, shown: null, longtasks: [], downloads: [], wasmAt: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task timing */
  }
  window.addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail && e.detail.wasm;
    b.wasmAt = performance.now();
  });
  // platform::download_text clicks a detached <a download>.
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) b.downloads.push(performance.now());
    return click.call(this);
  };
  const digits = (el) => {
    const t = el ? el.textContent || '' : '';
    return /\d/.test(t) ? Number(t.replace(/\D/g, '')) : null;
  };
  const path = location.pathname;
  const hash = location.hash.replace(/^#\/?/, '').replace(/\/$/, '');
  let check = () => null;
  if (path === '/' || path === '/index.html') {
    b.app = 'volunteer';
    check = () => {
      const button = document.querySelector('button[type=submit]');
      if (!button || button.disabled) return null;
      if (!document.querySelector('section.today ul.today-list, section.today p.empty')) return null;
      const pending = document.querySelector('[data-testid=pending]');
      if (!pending) return null;
      const n = digits(pending);
      if (cfg.expectPending > 0 && n === null) return null;
      const title = document.querySelector('#today-title');
      const m = title && title.textContent.match(/\((\d+)\)/);
      return { pending: n || 0, today: m ? Number(m[1]) : null, todayRows: document.querySelectorAll('section.today ul.today-list > li').length };
    };
  } else if (path.startsWith('/beheer/')) {
    if (hash === '' || hash === 'enquetes') {
      b.app = 'surveys';
      check = () => {
        const counts = [...document.querySelectorAll('[data-testid=response-count]')];
        if (!counts.length) return null;
        // "Op dit apparaat: {stored} ingevuld, …": the first number.
        const stored = counts.map((el) => Number(((el.textContent || '').match(/(\d[\d.\s]*)/) || ['', '0'])[1].replace(/\D/g, '')));
        if (cfg.expectResponses > 0 && !stored.some((n) => n > 0)) return null;
        return { cards: counts.length, responses: stored.reduce((s, n) => s + n, 0) };
      };
    } else if (hash === 'instellingen') {
      b.app = 'settings';
      check = () => {
        const n = digits(document.querySelector('[data-testid=records-stored]'));
        return n === null ? null : { stored: n, pending: digits(document.querySelector('[data-testid=records-pending]')) };
      };
    } else if (hash === 'trajecten') {
      b.app = 'trajectories';
      check = () => {
        if (!document.querySelector('[data-testid=growth-share]')) return null;
        return { rows: document.querySelectorAll('.trajectory-item').length, elements: document.getElementsByTagName('*').length };
      };
    }
  } else if (path.startsWith('/enquete/')) {
    b.app = 'survey';
    check = () => {
      for (const el of document.querySelectorAll('button')) {
        if ((el.textContent || '').replace(/\s+/g, ' ').trim() === 'Beginnen' && !el.disabled) return {};
      }
      return null;
    };
  }
  const observer = new MutationObserver(() => {
    if (b.ready !== null) return;
    const shown = check();
    if (shown) {
      b.ready = performance.now();
      b.shown = shown;
      observer.disconnect();
      requestAnimationFrame(() => (b.readyFrame = performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

// In the volunteer tab: every click on the submit button (its event's
// timestamp), every new "saved" status line, and every change of today's
// count and of the header's pending count, in the page's clock.
function installSaveProbe() {
  const p = (window.__save = { clicks: [], shown: [], last: null, today: [], pending: [] });
  window.addEventListener(
    'click',
    (e) => {
      if (e.target instanceof Element && e.target.closest('button[type=submit]')) p.clicks.push(e.timeStamp);
    },
    true,
  );
  const read = () => {
    const title = document.querySelector('#today-title');
    const m = title && title.textContent.match(/\((\d+)\)/);
    const loaded = document.querySelector('section.today ul.today-list, section.today p.empty');
    const pending = document.querySelector('[data-testid=pending]');
    const t = pending ? pending.textContent || '' : '';
    return { today: m && loaded ? Number(m[1]) : null, pending: pending ? (/\d/.test(t) ? Number(t.replace(/\D/g, '')) : 0) : null };
  };
  let last = read();
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const line = document.querySelector('form [role=status] p.saved');
    if (line && line !== p.last) {
      p.last = line;
      p.shown.push(now);
    }
    const cur = read();
    if (cur.today !== null && cur.today !== last.today) p.today.push([now, cur.today]);
    if (cur.pending !== null && cur.pending !== last.pending) p.pending.push([now, cur.pending]);
    last = cur;
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return last;
}

// In the coordinator's settings tab: the export button's clicks and every
// new done line (a new element per export) in the page's clock.
function installExportProbe() {
  const p = (window.__export = { clicks: [], done: [], doneText: [], last: null });
  document.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element && e.target.closest('button');
      if (button && /Alles exporteren/.test(button.textContent)) p.clicks.push(e.timeStamp);
    },
    true,
  );
  const observer = new MutationObserver(() => {
    const line = document.querySelector('section.settings .status p.saved');
    if (line && line !== p.last) {
      p.last = line;
      p.done.push(performance.now());
      p.doneText.push(line.textContent);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

// On a page of the app's origin without the app: puts records into their
// store, one transaction.
async function putChunk({ store, records, textKey, paths }) {
  // Free text sealed as the app stores it (public/at-rest.js).
  if (textKey && paths) await (await import('/at-rest.js')).seal(textKey, paths, records);
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('wijkpeil');
    // Never create the app's database here: that is the app's to do.
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(store)) {
        db.close();
        reject(new Error(`database version ${db.version} has no store ${store}`));
        return;
      }
      const tx = db.transaction([store], 'readwrite', { durability: 'relaxed' });
      const s = tx.objectStore(store);
      for (const r of records) s.put(r);
      tx.oncomplete = () => {
        db.close();
        resolve(records.length);
      };
      tx.onabort = () => reject(tx.error);
    };
  });
}

// The floor of an export: every record of the six stores read (getAll, one
// transaction) and made one JSON text.
function exportFloor(stores) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const open = indexedDB.open('wijkpeil');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(stores, 'readonly');
      const out = {};
      for (const s of stores) {
        const r = tx.objectStore(s).getAll();
        r.onsuccess = () => (out[s] = r.result);
      }
      tx.oncomplete = () => {
        const t1 = performance.now();
        const text = JSON.stringify(out);
        const t2 = performance.now();
        db.close();
        resolve({ ms: t2 - t0, readMs: t1 - t0, stringifyMs: t2 - t1, bytes: text.length, records: stores.reduce((n, s) => n + out[s].length, 0) });
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

// One-record transactions with durability "strict", in a database of their
// own: what a durable save costs at the least.
async function strictPuts(n) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('bench-durability', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('s', { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const note = 'x'.repeat(600); // about one contact's JSON
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['s'], 'readwrite', { durability: 'strict' });
      tx.objectStore('s').put({ id: `strict-${Date.now()}-${i}`, note });
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    out.push(performance.now() - t0);
  }
  db.close();
  return out;
}

// ----------------------------------------------------------------- browser

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitControlled(page, survey) {
  await page.evaluate(async (survey) => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const deadline = performance.now() + 30_000;
    // The survey app's own worker (scope /enquete/) replaces the staff one.
    while (performance.now() < deadline) {
      const reg = await sw.getRegistration(location.href);
      if (reg && reg.active && (!survey || reg.scope.endsWith('/enquete/'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await sw.ready;
    if (!sw.controller) await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
  }, survey);
}

async function waitUsable(page, what) {
  try {
    await page.waitForFunction(() => window.__year && window.__year.ready !== null, null, { timeout: OPEN_TIMEOUT, polling: 50 });
  } catch (e) {
    const seen = await page.evaluate(() => (document.body ? document.body.innerText.slice(0, 400) : '')).catch(() => '');
    throw new Error(`${what} did not become usable: ${e.message.split('\n')[0]}; page showed: ${JSON.stringify(seen)}`);
  }
}

// Live JS heap of the page's renderer: garbage collected first (an earlier
// document in the same tab, the seeding page among them, leaves its garbage
// in the same heap until the next collection).
async function jsHeap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = metrics.find((x) => x.name === 'JSHeapUsedSize');
  return m ? m.value / 1048576 : null;
}

// The page's own wasm memory and its workers' (the data worker's), MB.
async function wasmMemory(page) {
  const own = await page.evaluate(() => (window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : null)).catch(() => null);
  let workers = null;
  for (const w of page.workers()) {
    const bytes = await w.evaluate(async () => (typeof wasm_bindgen === 'function' ? (await wasm_bindgen()).memory.buffer.byteLength : null)).catch(() => null);
    if (bytes !== null) workers = (workers || 0) + bytes;
  }
  return { wasmMb: own === null ? null : own / 1048576, workerWasmMb: workers === null ? null : workers / 1048576 };
}

async function memoryOf(page, cdp, sampler) {
  return { jsHeapMb: await jsHeap(cdp), ...(await wasmMemory(page)), pssMb: sampler.currentMb() };
}

// A fixed amount of JS work timed in the page: shows the throttle applies.
function calibrate(page) {
  return page.evaluate(() => {
    let x = 0;
    const t0 = performance.now();
    for (let i = 0; i < 5e6; i++) x = (x + i * 7) % 1000003;
    return performance.now() - t0 + (x < 0 ? 1 : 0);
  });
}

// One measured open: from about:blank (a full load also when only the
// fragment differs), throttled by `rate`, until usable and 500 ms on.
async function openOnce(page, cdp, url, app, rate, sampler) {
  await page.goto('about:blank');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  sampler.reset();
  try {
    const response = await page.goto(url, { waitUntil: 'commit' });
    await waitUsable(page, `${app.id} (${rate}×)`);
    const ready = await page.evaluate(() => window.__year.ready);
    await page.waitForFunction((t) => performance.now() >= t + 500, ready, { polling: 50, timeout: 60_000 });
    const r = await page.evaluate(() => {
      const b = window.__year;
      const within = b.longtasks.filter((t) => t.start <= b.ready + 500);
      return {
        app: b.app,
        usableMs: b.ready,
        usableFrameMs: b.readyFrame,
        shown: b.shown,
        longestTaskMs: within.length ? Math.max(...within.map((t) => t.duration)) : 0,
        longTasks: within.length,
        longTasksMs: within.reduce((s, t) => s + t.duration, 0),
        controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
      };
    });
    r.fromServiceWorker = response ? response.fromServiceWorker() : false;
    r.peakPssMb = sampler.peakMb();
    if (r.app !== app.id) throw new Error(`${url}: the probe took the page for ${r.app}, not ${app.id}`);
    if (!r.fromServiceWorker) throw new Error(`cached open of ${app.id} (${rate}×): the document did not come from the service worker`);
    if (rate > 1) r.calibrationMs = await calibrate(page);
    return r;
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

async function measureOpens(context, page, cdp, url, sampler, label) {
  const out = {};
  for (const app of APPS) {
    const href = new URL(app.path, url).href;
    // Opened once before: the service worker controls it, its files cached.
    await page.goto('about:blank');
    await page.goto(href, { waitUntil: 'load' });
    await waitUsable(page, `${app.id} (first open)`);
    await waitControlled(page, app.id === 'survey');
    const cell = {};
    for (const rate of RATES) {
      cell[rate] = await openOnce(page, cdp, href, app, rate, sampler);
      if (rate === 1) {
        await sleep(1000); // at rest
        cell.memory = await memoryOf(page, cdp, sampler);
        cell.calibrationMs = await calibrate(page);
      }
    }
    log(
      `${label}: ${app.id} usable ${fmt(cell[1].usableMs)} ms (4×: ${fmt(cell[4].usableMs)}), longest task ${fmt(cell[1].longestTaskMs)} ms (4×: ${fmt(cell[4].longestTaskMs)}), ` +
        `shown ${JSON.stringify(cell[1].shown)}, JS heap ${fmt(cell.memory.jsHeapMb, 1)} MB, wasm ${fmt(cell.memory.wasmMb, 1)} MB, PSS ${fmt(cell.memory.pssMb)} MB`,
    );
    out[app.id] = cell;
  }
  return out;
}

// One save in the volunteer tab; resolves when its status line showed.
async function saveOnce(page, done, timeout = 120_000) {
  await page.click(FIRST_DOMAIN);
  await page.click(SUBMIT);
  await page.waitForFunction((n) => window.__save.shown.length >= n, done + 1, { timeout, polling: 20 });
}

async function readSaves(page, from) {
  return page.evaluate((from) => {
    const p = window.__save;
    return {
      clicks: p.clicks.slice(from),
      shown: p.shown.slice(from),
      save: performance.getEntriesByName('save', 'measure').map((e) => ({ start: e.startTime, duration: e.duration })),
      today: p.today,
      pending: p.pending,
    };
  }, from);
}

// `count` saves one after another; each waits for its status line, today's
// count and the header's pending count.
async function measureSaves(page, count, label) {
  const before = await page.evaluate(installSaveProbe);
  if (before.today === null || before.pending === null) throw new Error(`volunteer app: today's count or the pending count not shown (${JSON.stringify(before)})`);
  await page.evaluate(() => performance.clearMeasures('save'));
  for (let i = 0; i < count; i++) {
    await saveOnce(page, i);
    await page.waitForFunction(
      ({ today, pending }) => {
        const p = window.__save;
        const last = (list) => (list.length ? list[list.length - 1][1] : null);
        return last(p.today) === today && last(p.pending) === pending;
      },
      { today: before.today + i + 1, pending: before.pending + i + 1 },
      { timeout: 60_000, polling: 20 },
    );
  }
  const d = await readSaves(page, 0);
  // The first moment after click i at which the value was the expected one.
  const after = (changes, click, value) => {
    const hit = changes.find(([t, v]) => t >= click && v === value);
    return hit ? hit[0] - click : null;
  };
  const durable = d.save.map((e) => e.duration);
  const r = {
    count,
    todayBefore: before.today,
    pendingBefore: before.pending,
    durable: stats(durable),
    clickToStatus: stats(d.shown.map((t, i) => t - d.clicks[i])),
    clickToToday: stats(d.clicks.map((c, i) => after(d.today, c, before.today + i + 1))),
    clickToPending: stats(d.clicks.map((c, i) => after(d.pending, c, before.pending + i + 1))),
  };
  if (durable.length !== count) throw new Error(`${label}: ${durable.length} save measures for ${count} saves`);
  log(
    `${label}: ${count} saves, save measure p50 ${fmt(r.durable.median, 1)} / p95 ${fmt(r.durable.p95, 1)} ms, ` +
      `→ today p95 ${fmt(r.clickToToday.p95, 1)} ms, → pending p95 ${fmt(r.clickToPending.p95, 1)} ms (today ${before.today} → ${before.today + count})`,
  );
  return r;
}

// One export clicked in `settings` while `volunteer` keeps saving.
async function exportWithSaves(settings, volunteer, k, savesDone, sampler) {
  sampler.reset();
  const download = settings.waitForEvent('download', { timeout: OPEN_TIMEOUT });
  let downloadAt = null;
  download.then(() => (downloadAt = Date.now()), () => {});
  await settings.getByRole('button', { name: EXPORT_BUTTON, exact: true }).click();
  let finished = false;
  const done = settings.waitForFunction((k) => window.__export.done.length >= k, k, { timeout: OPEN_TIMEOUT, polling: 50 });
  done.then(() => (finished = true), () => (finished = true));
  // Saves while the export runs (at least one).
  const from = savesDone;
  let n = 0;
  while ((!finished || n === 0) && n < 500) {
    await saveOnce(volunteer, savesDone + n, OPEN_TIMEOUT);
    n++;
  }
  await done;
  const file = await download;
  if (downloadAt === null) downloadAt = Date.now();
  const bytes = fs.statSync(await file.path()).size;
  const page = await settings.evaluate((k) => {
    const p = window.__export;
    const b = window.__year;
    return {
      click: p.clicks[k - 1],
      done: p.done[k - 1],
      text: p.doneText[k - 1],
      downloads: b.downloads.slice(),
      origin: performance.timeOrigin,
    };
  }, k);
  const clickEpoch = page.origin + page.click;
  const saves = await readSaves(volunteer, from);
  const all = await volunteer.evaluate(() => performance.getEntriesByName('save', 'measure').map((e) => e.duration));
  const durable = all.slice(-n);
  const m = /([\d.]+) records? geëxporteerd/.exec(page.text || '');
  return {
    clickToDownloadMs: downloadAt - clickEpoch,
    clickToHandedMs: page.downloads.length >= k ? page.downloads[k - 1] - page.click : null,
    clickToDoneMs: page.done - page.click,
    records: m ? Number(m[1].replace(/\D/g, '')) : null,
    doneText: page.text,
    bytes,
    peakPssMb: sampler.peakMb(),
    saves: { n, durable: stats(durable), clickToStatus: stats(saves.shown.map((t, i) => t - saves.clicks[i])) },
    savesDone: savesDone + n,
  };
}

// -------------------------------------------------------------------- runs

function storedForm(r) {
  return { ...r, pending: r.revision > r.shipped_revision ? 1 : 0 };
}

async function profileRun(kind, url, generated, executablePath, saves, label) {
  const profile = await freshProfile(executablePath, { serviceWorkers: 'allow', prefix: `wijkpeil-bench-year-${kind}-` });
  const sampler = memorySampler(profile.dir);
  const { context } = profile;
  try {
    await context.addInitScript(settingsScript, SETTINGS);
    const page = context.pages()[0] || (await context.newPage());
    // The device is set up with staff codes on the lock page (which makes
    // its text key); the app then creates its database.
    const t0 = Date.now();
    const session = await setUpOnLockPage(page, url, label);
    await giveSession(context, session);
    await page.locator(`${SUBMIT}:not([disabled])`).waitFor({ timeout: 60_000 });
    // Today's list read: the database is open, every store made.
    await page.locator('section.today ul.today-list, section.today p.empty').first().waitFor({ timeout: 60_000 });
    await page.goto(new URL('sw-register.js', url).href);
    const expected = Object.fromEntries(STORES.map((s) => [s, 0]));
    let expectPending = 0;
    const t1 = Date.now();
    if (generated) {
      for (const store of STORES) {
        const list = generated.lists[store];
        for (let i = 0; i < list.length; i += CHUNK) {
          const records = list.slice(i, i + CHUNK).map(storedForm);
          expectPending += records.filter((r) => r.pending).length;
          await page.evaluate(putChunk, { store, records, textKey: session.textKey, paths: FREE_TEXT[store] || null });
        }
        expected[store] = list.length;
      }
    }
    const counts = await page.evaluate(storeCounts, STORES);
    const seedMs = Date.now() - t1;
    // Free text went in sealed, as the app keeps it.
    const notes = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('wijkpeil');
          open.onsuccess = () => {
            const r = open.result.transaction(['contacts']).objectStore('contacts').getAll(null, 200);
            r.onsuccess = () => {
              open.result.close();
              const texts = r.result.map((c) => c.note).filter((n) => typeof n === 'string' && n);
              resolve({ texts: texts.length, sealed: texts.filter((n) => n.startsWith('wpenc1:')).length });
            };
            r.onerror = () => reject(r.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    if (notes.sealed !== notes.texts) throw new Error(`${label}: ${notes.texts - notes.sealed} of ${notes.texts} notes stored in the clear`);
    const bad = STORES.filter((s) => counts[s] !== expected[s]);
    if (bad.length) throw new Error(`${label}: stores after seeding ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
    log(`${label}: seeded ${Object.values(counts).reduce((a, b) => a + b, 0)} records in ${(seedMs / 1000).toFixed(1)} s (database created in ${((t1 - t0) / 1000).toFixed(1)} s)`);
    await context.addInitScript(yearProbe, { expectPending, expectResponses: expected.survey_responses });
    const cdp = await context.newCDPSession(page);

    const result = { kind, seedMs, createMs: t1 - t0, counts, expectPending };
    result.opens = await measureOpens(context, page, cdp, url, sampler, label);

    // Saves in the volunteer app.
    await page.goto('about:blank');
    await page.goto(url, { waitUntil: 'load' });
    await waitUsable(page, 'volunteer (saves)');
    result.saves = await measureSaves(page, saves, label);
    const ref = await context.newPage();
    await ref.goto(new URL('sw-register.js', url).href);
    result.saves.strictPut = stats(await ref.evaluate(strictPuts, saves));

    // Exports in a second tab while the volunteer tab saves.
    const settings = await context.newPage();
    const settingsCdp = await context.newCDPSession(settings);
    await settings.goto(new URL('/beheer/#/instellingen', url).href, { waitUntil: 'load' });
    await waitUsable(settings, 'coordinator settings (export)');
    await settings.evaluate(installExportProbe);
    let savesDone = saves;
    result.exports = [];
    for (const k of [1, 2]) {
      const e = await exportWithSaves(settings, page, k, savesDone, sampler);
      savesDone = e.savesDone;
      result.exports.push(e);
      log(
        `${label}: export ${k}: click → download ${fmt(e.clickToDownloadMs)} ms, → done ${fmt(e.clickToDoneMs)} ms, ${e.records} records, ${(e.bytes / 1e6).toFixed(1)} MB; ` +
          `${e.saves.n} saves meanwhile, save p95 ${fmt(e.saves.durable.p95, 1)} / max ${fmt(e.saves.durable.max, 1)} ms`,
      );
    }
    result.memoryAfterExport = await memoryOf(settings, settingsCdp, sampler);
    result.exportFloor = await ref.evaluate(exportFloor, STORES);
    log(`${label}: export floor (getAll + JSON.stringify) ${fmt(result.exportFloor.ms)} ms, ${result.exportFloor.records} records`);
    return result;
  } finally {
    sampler.stop();
    await profile.close();
  }
}

// ------------------------------------------------------------------ report

function fmt(x, digits = 0) {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

// The figures of the report: [section, label, unit digits, (profile run) → number, reference (run) → number].
function rows() {
  const out = [];
  for (const rate of RATES) {
    for (const app of APPS) {
      const cpu = rate === 1 ? '1× CPU' : `${rate}× CPU`;
      out.push([`Open, cached, ${cpu}`, `${app.name}: usable (ms)`, 0, (r) => r.opens[app.id][rate].usableMs]);
      out.push([`Open, cached, ${cpu}`, `${app.name}: longest task (ms)`, 0, (r) => r.opens[app.id][rate].longestTaskMs]);
    }
  }
  out.push(['Trajecten list (open, 1× CPU)', 'list rows in the DOM', 0, (r) => r.opens.trajectories[1].shown.rows]);
  out.push(['Trajecten list (open, 1× CPU)', 'elements in the DOM', 0, (r) => r.opens.trajectories[1].shown.elements]);
  const strict = (q) => (r) => r.saves.strictPut[q];
  out.push(['Saves (volunteer app)', '`save` measure (start → durable), median (ms)', 1, (r) => r.saves.durable.median, strict('median')]);
  out.push(['Saves (volunteer app)', '`save` measure (start → durable), p95 (ms)', 1, (r) => r.saves.durable.p95, strict('p95')]);
  out.push(['Saves (volunteer app)', 'click → "saved" status, p95 (ms)', 1, (r) => r.saves.clickToStatus.p95]);
  out.push(['Saves (volunteer app)', 'click → today\'s list grown by one, median (ms)', 1, (r) => r.saves.clickToToday.median]);
  out.push(['Saves (volunteer app)', 'click → today\'s list grown by one, p95 (ms)', 1, (r) => r.saves.clickToToday.p95]);
  out.push(['Saves (volunteer app)', 'click → header pending count grown by one, median (ms)', 1, (r) => r.saves.clickToPending.median]);
  out.push(['Saves (volunteer app)', 'click → header pending count grown by one, p95 (ms)', 1, (r) => r.saves.clickToPending.p95]);
  for (const [i, which] of [[0, 'first export'], [1, 'second export']]) {
    out.push(['Saves while another tab exports', `during the ${which}: saves`, 0, (r) => r.exports[i].saves.n]);
    out.push(['Saves while another tab exports', `during the ${which}: \`save\` p95 (ms)`, 1, (r) => r.exports[i].saves.durable.p95]);
    out.push(['Saves while another tab exports', `during the ${which}: \`save\` max (ms)`, 1, (r) => r.exports[i].saves.durable.max]);
  }
  for (const [i, which] of [[0, 'First export (marks pending as shipped)'], [1, 'Second export (nothing pending)']]) {
    const floor = (r) => r.exportFloor.ms;
    out.push(['Export', `${which}: click → download event (ms)`, 0, (r) => r.exports[i].clickToDownloadMs, floor]);
    out.push(['Export', `${which}: click → done message (ms)`, 0, (r) => r.exports[i].clickToDoneMs, floor]);
    out.push(['Export', `${which}: file (MB)`, 1, (r) => r.exports[i].bytes / 1e6, (r) => r.exportFloor.bytes / 1e6]);
  }
  for (const app of APPS) {
    out.push(['Memory at rest (1 s after usable, 1×)', `${app.name}: JS heap used, after a forced GC (MB)`, 1, (r) => r.opens[app.id].memory.jsHeapMb]);
    out.push(['Memory at rest (1 s after usable, 1×)', `${app.name}: wasm memory (MB)`, 1, (r) => r.opens[app.id].memory.wasmMb]);
    out.push(['Memory at rest (1 s after usable, 1×)', `${app.name}: browser PSS, all processes (MB)`, 0, (r) => r.opens[app.id].memory.pssMb]);
  }
  out.push(['Memory after the exports (settings tab)', 'JS heap used, after a forced GC (MB)', 1, (r) => r.memoryAfterExport.jsHeapMb]);
  out.push(['Memory after the exports (settings tab)', 'wasm memory, page (MB)', 1, (r) => r.memoryAfterExport.wasmMb]);
  out.push(['Memory after the exports (settings tab)', 'wasm memory, data worker (MB)', 1, (r) => r.memoryAfterExport.workerWasmMb]);
  out.push(['Memory after the exports (settings tab)', 'browser PSS, all processes, now (MB)', 0, (r) => r.memoryAfterExport.pssMb]);
  out.push(['Memory after the exports (settings tab)', 'browser PSS, peak during the first export (MB)', 0, (r) => r.exports[0].peakPssMb]);
  return out;
}

function cell(s, digits) {
  if (!s || s.median === null) return '–';
  return s.n > 1 ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : fmt(s.median, digits);
}

function summarize(result) {
  const get = (f, list) =>
    spread(
      list.map((r) => {
        try {
          const v = f(r);
          return v === null || v === undefined ? NaN : v;
        } catch {
          return NaN;
        }
      }),
    );
  return rows().map(([section, label, digits, f, ref]) => {
    const year = get(f, result.runs.map((r) => r.year));
    const empty = get(f, result.runs.map((r) => r.empty));
    const reference = ref ? get(ref, result.runs.map((r) => r.year)) : null;
    const ratio = year.median !== null && empty.median ? year.median / empty.median : null;
    return { section, label, digits, year, empty, ratio, reference };
  });
}

export function report(r) {
  const m = r.meta;
  const out = [];
  out.push(`## A large organisation's year on one device — ${m.date}`);
  out.push('');
  out.push(
    `Machine: ${m.cpus} cores (${m.cpuModel}), load average ${m.loadavg.join(' ')} before / ${(m.loadavgAfter || []).join(' ')} after; ` +
      `Chromium ${m.chromium}, Node ${m.node}; IndexedDB on disk (${m.filesystem}), fresh persistent profiles. Commit: ${m.git}. ` +
      `Scale ${m.scale}, ${m.years} year(s), seed ${m.seed}, ${m.runs} run(s), ${m.saves} saves per run.`,
  );
  out.push('');
  const c = m.counts;
  const seed = spread(r.runs.map((x) => x.year.seedMs / 1000));
  out.push(
    `Records stored on the "year" profile: ${Object.entries(c).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')} ` +
      `(${m.total.toLocaleString('en')} in all, ${m.tombstones.toLocaleString('en')} tombstones, ${m.expectPending.toLocaleString('en')} pending, ` +
      `${m.today} contacts today in local time); seeding (raw puts, ${CHUNK} per transaction) ${cell(seed, 1)} s. "Empty": the same database without records.`,
  );
  out.push('');
  out.push('| Measure | year: median (min–max) | empty: median (min–max) | year / empty | reference (year profile) |');
  out.push('|---|---:|---:|---:|---:|');
  let section = null;
  for (const row of r.summary) {
    if (row.section !== section) {
      section = row.section;
      out.push(`| **${section}** | | | | |`);
    }
    out.push(`| ${row.label} | ${cell(row.year, row.digits)} | ${cell(row.empty, row.digits)} | ${row.ratio === null ? '–' : `${fmt(row.ratio, 2)}×`} | ${row.reference ? cell(row.reference, row.digits) : ''} |`);
  }
  out.push('');
  out.push(
    'Usable: ' +
      APPS.map((a) => `${a.name}: ${a.usable}`).join('; ') +
      '. Times from navigation start (from about:blank, the document from the service worker), probed by a MutationObserver; ' +
      'longest task: PerformanceObserver "longtask" entries (main thread only, not the data worker) up to usable + 500 ms. ' +
      'References: saves, one raw `put` with durability "strict" into a database of its own (one-record transactions, as many as the saves); ' +
      'export, `getAll` of the six stores in one transaction + `JSON.stringify` of the result, in a page without the app. ' +
      'Saves while exporting: the volunteer tab saves one after another from the click until the export\'s done message (at least one). ' +
      'Click → download event: from the export button\'s click event to Playwright\'s download event (epoch clocks).',
  );
  const cal = r.runs.map((x) => x.year.opens.volunteer);
  out.push('');
  out.push(
    `Throttle check (the same JS loop on the volunteer page): ${cal.map((o) => `1× ${fmt(o.calibrationMs)} ms, 4× ${fmt(o[4].calibrationMs)} ms`).join('; ')}. ` +
      `What the screens showed (year, run 1): ${APPS.map((a) => `${a.id} ${JSON.stringify(r.runs[0].year.opens[a.id][1].shown)}`).join(', ')}. ` +
      `Export done message (year, run 1, first): "${r.runs[0].year.exports[0].doneText}".`,
  );
  return out.join('\n');
}

// -------------------------------------------------------------------- main

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--report') {
    console.log(report(JSON.parse(fs.readFileSync(args[1], 'utf8'))));
    return;
  }
  const url = process.env.BENCH_URL || 'http://127.0.0.1:4199/';
  const runs = Number(process.env.BENCH_YEAR_RUNS || 3);
  const scale = Number(process.env.BENCH_YEAR_SCALE || 1);
  const years = Number(process.env.BENCH_YEAR_YEARS || 1);
  const saves = Number(process.env.BENCH_YEAR_SAVES || 50);
  const out = path.resolve(root, process.env.BENCH_YEAR_OUT || 'bench/results/year.json');
  const executablePath = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
  if (!(runs >= 1 && scale > 0 && years > 0 && saves >= 1)) throw new Error('BENCH_YEAR_RUNS, BENCH_YEAR_SCALE, BENCH_YEAR_YEARS and BENCH_YEAR_SAVES must be positive');

  const counts = Object.fromEntries(Object.entries(YEAR).map(([k, v]) => [k, Math.max(1, Math.round(v * scale * years))]));
  const end = Date.now();
  log(`generating ${JSON.stringify(counts)} over ${years} year(s) up to now`);
  const generated = generate(0, SEED, { counts, end, years, text: false });
  const midnight = new Date(end);
  midnight.setHours(0, 0, 0, 0);
  const all = Object.values(generated.lists).flat();
  const result = {
    meta: {
      date: new Date().toISOString(),
      url,
      runs,
      scale,
      years,
      saves,
      seed: SEED,
      counts: generated.counts,
      total: all.length,
      tombstones: all.filter((x) => x.deleted).length,
      expectPending: all.filter((x) => x.revision > x.shipped_revision).length,
      today: generated.lists.contacts.filter((x) => !x.deleted && Date.parse(x.occurred_at) >= midnight.getTime()).length,
      cpus: os.cpus().length,
      cpuModel: (os.cpus()[0] && os.cpus()[0].model.trim()) || 'unknown',
      loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
      node: process.version,
      git: process.env.BENCH_SOURCE || git(),
      filesystem: filesystemOf(os.tmpdir()),
    },
    runs: [],
  };
  for (let i = 0; i < runs; i++) {
    const run = {};
    // Which profile goes first alternates, so drift falls on both.
    for (const kind of i % 2 === 0 ? ['year', 'empty'] : ['empty', 'year']) {
      const label = `run ${i + 1}/${runs} ${kind}`;
      run[kind] = await profileRun(kind, url, kind === 'year' ? generated : null, executablePath, saves, label);
    }
    result.runs.push(run);
  }
  result.meta.loadavgAfter = os.loadavg().map((x) => Number(x.toFixed(2)));
  result.meta.chromium = execFileSync(executablePath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim().replace(/^Chromium\s+/, '');
  result.summary = summarize(result);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`raw results: ${path.relative(root, out)}`);
  console.log(report(result));
}

main().catch((e) => {
  console.error(`[bench:year] error: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
