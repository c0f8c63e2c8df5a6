#!/usr/bin/env node
// Wijkpeil push benchmark (issue 9): "Push 10,000 records to the local
// server, side by side in one run with PouchDB's own replication (npm
// `pouchdb-browser`) and a raw `fetch` of the same documents to `_bulk_docs`
// with `new_edits:false` (the floor): goal at most 1.3× the floor."
//
// One CouchDB-compatible server (tools/couch-test-server: express-pouchdb,
// in memory, on 127.0.0.1), started by this script; every run gets a fresh
// database on it, set up by tools/couch-setup (validate_doc_update, design
// document, security) and deleted after the run. Every variant logs in as
// the same staff user (Basic login, so the server's validation runs for
// every document in all three), from Debian's Chromium, headless, a fresh
// persistent profile per run (IndexedDB on disk). The records are the
// import benchmark's generator's (bench/import.mjs: a realistic mix of
// contacts, survey responses, trajectories, activities, initiatives and
// survey versions, 2 % tombstones), 10,000 by default.
//
// - app: on a profile whose staff codes are first set up on the lock page
//   (bench/device.mjs), the coordinator app's Instellingen (Beheer), server set with
//   "Opslaan en synchroniseren" while the device holds nothing (that first
//   sync finds nothing to send); then the records are put into the app's
//   IndexedDB as the app stores records made on the device and not yet sent
//   (`pending` 1, `shipped_revision` 0; not timed), and "Nu synchroniseren"
//   is clicked. Timed in the data worker: the measure `wijkpeil-sync-push`
//   (src/worker/sync.rs), from the run's start (reading the login, the
//   connection check) to the last push progress, when the server has
//   answered for every record and the device has marked them as sent: the
//   app's real path, `_revs_diff` then `_bulk_docs` `new_edits:false`, 500
//   at a time, through the worker's `fetch`. Also reported: the whole run
//   (`wijkpeil-sync`, with the pull that follows: a coordinator's device
//   pulls every record, here the 10,000 it just sent), and the click to the
//   screen saying "Alles is verstuurd naar de server.".
// - pouchdb: a page of the same origin with `pouchdb-browser` (bench's own
//   package.json); a local PouchDB (IndexedDB) filled beforehand, not timed,
//   with the very documents the app sent (same `_id`, `_rev`, ancestry,
//   body, by `bulkDocs` with `new_edits:false`); timed
//   `PouchDB.replicate(local, remote)` with PouchDB's defaults (batches of
//   100) and `skip_setup` (a staff login may not create databases).
// - floor: a page of the same origin; the same documents as the app sent
//   them (`_rev`, `_revisions`, `_deleted`), in the app's order and batches
//   (per kind, 500), each batch's JSON text made beforehand; timed: one
//   `fetch` POST to `_bulk_docs` with `new_edits:false` after the other,
//   each answer read.
//
// The documents of the floor and of PouchDB are read back from the server
// after a discarded warm-up run of the app (`_bulk_get?revs=true`): exactly
// what the app sent. Every timed run is checked: the server's database then
// holds the 10,000 documents with the same winning revisions and no
// conflicts; the app's screen says nothing is waiting; PouchDB wrote 10,000.
// Runs rotate the order of the three variants each round, so drift on the
// machine falls on all of them.
//
// A benchmark, not a test: no thresholds; it exits non-zero only when it
// could not measure. Normally started by `bench/run push`; by hand (after
// `npm ci` in bench/ and tools/couch-test-server/):
//
//   node tools/serve-static.mjs target/bench/dist 4199 &
//   BENCH_URL=http://127.0.0.1:4199/ node bench/push.mjs
//   node bench/push.mjs --report bench/results/push.json   # table only
//
// Env: BENCH_URL (default http://127.0.0.1:4199/), BENCH_PUSH_RECORDS
// (default 10000), BENCH_PUSH_RUNS (default 5), BENCH_PUSH_OUT (default
// bench/results/push.json), BENCH_COUCH_PORT (default: any free port),
// BENCH_CHROMIUM (default /usr/bin/chromium), BENCH_SOURCE.
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, spread, freshProfile, git } from './import.mjs';
import { setUpDevice } from './device.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETTINGS = { location: 'wijkplein-centrum', lang: 'nl', initials: '' };
const STORES = ['contacts', 'survey_responses', 'surveys', 'trajectories', 'activities', 'initiatives'];
// The app pushes kind by kind in this order (RecordKind::ALL), 500 a batch.
const KINDS = ['contact', 'survey_response', 'survey_definition', 'trajectory', 'activity', 'initiative'];
const BATCH = 500;
const ADMIN = process.env.BENCH_COUCH_ADMIN || 'admin:bench-secret';
const USER = { name: 'bench-tablet', password: 'bench-geheim', role: 'wijkpeil-staff' };
const PREFIX = '/__bench/';

const log = (...a) => console.error('[bench:push]', ...a);

// ------------------------------------------------------------------ server

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startCouch(port, origin) {
  const dir = path.join(root, 'tools', 'couch-test-server');
  if (!fs.existsSync(path.join(dir, 'node_modules', 'express-pouchdb'))) {
    throw new Error('tools/couch-test-server has no node_modules: (cd tools/couch-test-server && npm ci --ignore-scripts)');
  }
  const logFile = path.join(root, 'target', 'bench', 'couch.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(dir, 'server.js'), '--port', String(port), '--admin', ADMIN, '--origins', origin], {
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`couch-test-server exited (log: ${path.relative(root, logFile)})`);
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('couch-test-server did not start');
}

function basic(login) {
  return 'Basic ' + Buffer.from(login).toString('base64');
}

async function couch(base, method, urlPath, body, login = ADMIN) {
  const headers = { Accept: 'application/json', Authorization: basic(login) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}/${urlPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}

let usersMade = false;
/** A fresh database set up for Wijkpeil (tools/couch-setup), the bench user a member. */
function setupDb(base, db) {
  const args = [path.join(root, 'tools/couch-setup/setup.mjs'), '--url', base, '--db', db];
  if (!usersMade) args.push('--user', `${USER.name}:${USER.password}:${USER.role}`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: { ...process.env, COUCH_ADMIN: ADMIN }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`couch-setup for ${db} failed:\n${stdout}${stderr}`));
      usersMade = true;
      resolve();
    });
  });
}

async function dropDb(base, db) {
  await couch(base, 'DELETE', encodeURIComponent(db));
}

/** The database's documents (design documents aside): id → {rev, deleted}; conflicts noted. */
async function serverState(base, db) {
  const r = await couch(base, 'GET', `${encodeURIComponent(db)}/_changes?style=all_docs`);
  if (r.status !== 200) throw new Error(`_changes of ${db}: ${r.status} ${r.text.slice(0, 200)}`);
  const out = new Map();
  let conflicts = 0;
  for (const c of r.json.results) {
    if (c.id.startsWith('_design/')) continue;
    if (c.changes.length > 1) conflicts++;
    out.set(c.id, { rev: c.changes[0].rev, deleted: Boolean(c.deleted) });
  }
  // With one leaf (checked above), the change's revision is the document's.
  return { docs: out, conflicts };
}

/** Every document as stored (with `_revisions`), read back from the server. */
async function storedDocs(base, db) {
  const { docs } = await serverState(base, db);
  const list = [...docs].map(([id, { rev }]) => ({ id, rev }));
  const r = await couch(base, 'POST', `${encodeURIComponent(db)}/_bulk_get?revs=true`, { docs: list });
  if (r.status !== 200) throw new Error(`_bulk_get of ${db}: ${r.status} ${r.text.slice(0, 200)}`);
  const out = r.json.results.map((res) => {
    const ok = res.docs[0] && res.docs[0].ok;
    if (!ok) throw new Error(`_bulk_get: ${JSON.stringify(res).slice(0, 200)}`);
    return ok;
  });
  if (out.length !== list.length) throw new Error(`_bulk_get gave ${out.length} of ${list.length}`);
  return out;
}

function sameState(reference, got) {
  const problems = [];
  if (got.conflicts) problems.push(`${got.conflicts} documents with more than one leaf`);
  if (got.docs.size !== reference.size) problems.push(`${got.docs.size} documents, not ${reference.size}`);
  let differ = 0;
  for (const [id, want] of reference) {
    const have = got.docs.get(id);
    if (!have || have.rev !== want.rev || have.deleted !== want.deleted) differ++;
  }
  if (differ) problems.push(`${differ} documents differ from the app's`);
  return problems;
}

// ----------------------------------------------------------------- browser

function settingsInit(settings) {
  try {
    localStorage.setItem('wijkpeil.settings', JSON.stringify(settings));
  } catch {
    /* storage disabled */
  }
}

// The benchmark's own files (records, documents, PouchDB's modules) under
// /__bench/ on the app's origin, served by Playwright's routing. The pages
// themselves come from the app's server: Chromium lets only a page it loaded
// from 127.0.0.1 reach the server on 127.0.0.1.
async function routeBench(context, files) {
  await context.route(`**${PREFIX}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(PREFIX.length);
    const file = files[name];
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    if (file.path) return route.fulfill({ path: file.path, contentType: file.type });
    return route.fulfill({ body: file.body, contentType: file.type });
  });
}

function pouchFiles() {
  const nm = path.join(root, 'bench', 'node_modules');
  if (!fs.existsSync(path.join(nm, 'pouchdb-browser'))) {
    throw new Error('bench/node_modules has no pouchdb-browser: (cd bench && npm ci --ignore-scripts)');
  }
  const cjs = (file) => `const module = { exports: {} }; const exports = module.exports;\n${fs.readFileSync(file, 'utf8')}\nexport default module.exports;\n`;
  const js = 'text/javascript';
  const files = {
    'spark-md5.js': { path: path.join(nm, 'spark-md5', 'spark-md5.js'), type: js },
    'spark-md5.mjs': { body: 'export default globalThis.SparkMD5;\n', type: js },
    'vuvuzela.mjs': { body: cjs(path.join(nm, 'vuvuzela', 'index.js')), type: js },
    'events.mjs': { body: cjs(path.join(nm, 'events', 'events.js')), type: js },
    'pouchdb.mjs': { path: path.join(nm, 'pouchdb-browser', 'lib', 'index.es.js'), type: js },
  };
  const uuidDir = path.join(nm, 'uuid', 'dist', 'esm-browser');
  for (const f of fs.readdirSync(uuidDir)) files[`uuid/${f}`] = { path: path.join(uuidDir, f), type: js };
  return files;
}

function workerOf(page) {
  return page.workers().find((w) => w.url().includes('data_worker'));
}

async function workerMeasures(page, withRequests = false) {
  const worker = workerOf(page);
  if (!worker) return null;
  return worker.evaluate((withRequests) => {
    const one = (name) => {
      const e = performance.getEntriesByName(name);
      return e.length ? { start: e[e.length - 1].startTime, duration: e[e.length - 1].duration } : null;
    };
    const requests = !withRequests
      ? undefined
      : performance
      .getEntriesByType('resource')
      .map((e) => ({ name: e.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 60), start: e.startTime, duration: e.duration, sent: e.requestStart, firstByte: e.responseStart, end: e.responseEnd }));
    return { push: one('wijkpeil-sync-push'), run: one('wijkpeil-sync'), requests };
  }, withRequests);
}

async function appRun(ctx, db, records) {
  const profile = await freshProfile(ctx.executablePath);
  try {
    const { context } = profile;
    await context.addInitScript(settingsInit, SETTINGS);
    await routeBench(context, { 'records.json': { body: records, type: 'application/json' } });
    // A device with its staff codes (bench/device.mjs), set up on the lock
    // page in this profile; every later page unlocked as coordinator.
    const { page } = await setUpDevice(context, ctx.url, { label: 'push' });
    await page.goto(new URL('beheer/#/instellingen', ctx.url).href, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Synchroniseren met de server' }).waitFor({ timeout: 60_000 });
    // The server set while the device holds nothing: that sync sends nothing.
    await page.getByLabel('Adres van de server').fill(ctx.couch);
    await page.getByLabel('Database').fill(db);
    await page.getByLabel('Gebruikersnaam').fill(USER.name);
    await page.getByLabel('Wachtwoord').fill(USER.password);
    await page.getByRole('button', { name: 'Opslaan en synchroniseren' }).click();
    await page.getByTestId('sync-last-ok').filter({ hasText: 'Laatst gesynchroniseerd' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('button.nl-button--primary')?.disabled, null, { timeout: 60_000 });
    const before = await workerMeasures(page);
    if (!before || !before.run) throw new Error('the data worker has no wijkpeil-sync measure (a build without it?)');
    // The records, as made on this device and not yet sent (not timed).
    const put = await page.evaluate(
      async ({ route, stores }) => {
        const file = await (await fetch(route)).json();
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open('wijkpeil');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        let n = 0;
        await new Promise((resolve, reject) => {
          const tx = db.transaction(stores, 'readwrite');
          for (const s of stores) {
            const store = tx.objectStore(s);
            for (const r of file[s] || []) {
              store.put({ ...r, shipped_revision: 0, pending: 1 });
              n++;
            }
          }
          tx.oncomplete = resolve;
          tx.onabort = () => reject(tx.error);
        });
        db.close();
        return n;
      },
      { route: `${PREFIX}records.json`, stores: STORES },
    );
    // Click → the screen says nothing waits (page clock).
    await page.evaluate(() => {
      const bench = (window.__push = { clicked: null, allSent: null });
      document.addEventListener('click', (e) => {
        if (bench.clicked === null && e.target.closest && e.target.closest('button')?.textContent.includes('Nu synchroniseren')) bench.clicked = performance.now();
      }, true);
      new MutationObserver(() => {
        if (bench.clicked !== null && bench.allSent === null && /Alles is verstuurd/.test(document.querySelector('[data-testid=sync-pending]')?.textContent || '') && !document.querySelector('button.nl-button--primary')?.disabled) {
          bench.allSent = performance.now();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Nu synchroniseren' }).click();
    let after = null;
    const deadline = Date.now() + 600_000;
    while (Date.now() < deadline) {
      after = await workerMeasures(page);
      if (after && after.run && after.run.start !== before.run.start) break;
      after = null;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!after) throw new Error('no sync run finished in 10 minutes');
    await page.waitForFunction(() => window.__push.allSent !== null, null, { timeout: 60_000 }).catch(async (e) => {
      const state = await page.evaluate(() => ({ probe: window.__push, status: document.querySelector('[data-testid=sync-status]')?.textContent, buttons: [...document.querySelectorAll('button')].map((b) => `${b.textContent}:${b.disabled}:${b.className}`) }));
      throw new Error(`${e.message}\n${JSON.stringify(state)}\nworker: ${JSON.stringify(after)}`);
    });
    const probe = await page.evaluate(() => window.__push);
    // The worker's requests of this run, in its clock from the run's start.
    const requests = (await workerMeasures(page, true)).requests
      .filter((q) => q.start >= after.run.start)
      .map((q) => ({ ...q, start: q.start - after.run.start, sent: q.sent - after.run.start, firstByte: q.firstByte - after.run.start, end: q.end - after.run.start }));
    const pendingText = await page.getByTestId('sync-pending').textContent();
    const error = await page.evaluate(() => {
      const e = document.querySelector('[data-testid=sync-error]');
      return e && !e.hidden ? e.textContent : '';
    });
    return {
      recordsPut: put,
      pushMs: after.push ? after.push.duration : null,
      runMs: after.run.duration,
      clickToAllSentMs: probe.allSent - probe.clicked,
      pendingText,
      error,
      requests,
    };
  } finally {
    await profile.close();
  }
}

async function pouchRun(ctx, db) {
  const profile = await freshProfile(ctx.executablePath);
  try {
    const { context } = profile;
    await routeBench(context, { ...ctx.pouchFiles, 'docs.json': { body: ctx.docsText, type: 'application/json' } });
    const page = context.pages()[0] || (await context.newPage());
    if (process.env.BENCH_PUSH_TRACE) page.on('console', (m) => log(`  PouchDB page: ${m.text()}`));
    // A page of the app's server (the browser lets pages it loaded from
    // 127.0.0.1 reach 127.0.0.1), PouchDB loaded into it.
    await page.goto(new URL('sw-register.js', ctx.url).href, { waitUntil: 'load' });
    await page.evaluate(async (prefix) => {
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = `${prefix}spark-md5.js`;
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
      const map = document.createElement('script');
      map.type = 'importmap';
      map.textContent = JSON.stringify({
        imports: { 'spark-md5': `${prefix}spark-md5.mjs`, uuid: `${prefix}uuid/index.js`, vuvuzela: `${prefix}vuvuzela.mjs`, events: `${prefix}events.mjs` },
      });
      document.head.append(map);
      window.PouchDB = (await import(`${prefix}pouchdb.mjs`)).default;
    }, PREFIX);
    return await page.evaluate(
      async ({ route, remoteUrl, user }) => {
        try {
          return await run();
        } catch (e) {
          throw new Error(`PouchDB: ${e && (e.stack || e.message)} ${JSON.stringify(e)}`);
        }
        async function run() {
          const docs = (await (await fetch(route)).json()).flat();
          const local = new window.PouchDB('bench-local');
          const written = await local.bulkDocs(docs, { new_edits: false });
          const errors = written.filter((r) => r.error).length;
          const info = await local.info();
          // Without cookies, like the app and the floor (PouchDB would send
          // `credentials: 'include'`; the login is the Basic header in all three).
          const omit = (url, init) => fetch(url, { ...init, credentials: 'omit' });
          const remote = new window.PouchDB(remoteUrl, { auth: { username: user.name, password: user.password }, skip_setup: true, fetch: omit });
          const t0 = performance.now();
          const result = await window.PouchDB.replicate(local, remote);
          const t1 = performance.now();
          return {
            localDocs: info.doc_count,
            localErrors: errors,
            replicateMs: t1 - t0,
            docsRead: result.docs_read,
            docsWritten: result.docs_written,
            docWriteFailures: result.doc_write_failures,
            ok: result.ok,
            status: result.status,
          };
        }
      },
      { route: `${PREFIX}docs.json`, remoteUrl: `${ctx.couch}/${db}`, user: USER },
    );
  } finally {
    await profile.close();
  }
}

async function floorRun(ctx, db) {
  const profile = await freshProfile(ctx.executablePath);
  try {
    const { context } = profile;
    await routeBench(context, { 'docs.json': { body: ctx.docsText, type: 'application/json' } });
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(new URL('sw-register.js', ctx.url).href, { waitUntil: 'load' });
    return await page.evaluate(
      async ({ route, url, authorization }) => {
        const batches = await (await fetch(route)).json();
        // The batches' texts made beforehand: the floor is the transfer and
        // the server's work only.
        const bodies = batches.map((docs) => JSON.stringify({ docs, new_edits: false }));
        const headers = { Accept: 'application/json', Authorization: authorization, 'Content-Type': 'application/json' };
        let errors = 0;
        let statusBad = 0;
        const t0 = performance.now();
        for (const body of bodies) {
          const res = await fetch(`${url}/_bulk_docs`, { method: 'POST', mode: 'cors', credentials: 'omit', headers, body });
          const text = await res.text();
          if (res.status !== 201) statusBad++;
          errors += JSON.parse(text).filter((r) => r.error).length;
        }
        const t1 = performance.now();
        return { bulkDocsMs: t1 - t0, batches: bodies.length, docs: batches.reduce((s, b) => s + b.length, 0), errors, statusBad };
      },
      { route: `${PREFIX}docs.json`, url: `${ctx.couch}/${db}`, authorization: basic(`${USER.name}:${USER.password}`) },
    );
  } finally {
    await profile.close();
  }
}

// ------------------------------------------------------------------ report

function fmt(x, digits = 0) {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function s(ms) {
  return fmt(ms / 1000, 2);
}

export function report(r) {
  const m = r.meta;
  const out = [];
  out.push(`## Pushing ${m.records.toLocaleString('en')} records — ${m.date}`);
  out.push('');
  out.push(
    `Chromium ${m.chromium}, ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, source ${m.git}, ` +
      `load average ${m.loadavg[0]} before / ${m.loadavgAfter[0]} after. Server: tools/couch-test-server (express-pouchdb ${m.expressPouchdb}, in memory) on 127.0.0.1, ` +
      `a fresh database per run; PouchDB ${m.pouchdb} (pouchdb-browser, IndexedDB). ` +
      `Records: ${Object.entries(m.counts).map(([k, v]) => `${k} ${v}`).join(', ')} (${m.tombstones} tombstones); ` +
      `${m.batches} batches, ${(m.docsBytes / 1e6).toFixed(1)} MB of documents as JSON.`,
  );
  out.push('');
  const x = r.summary;
  out.push(`| Measure (${x.floor.n} runs each, rotating order; seconds) | median | min | max |`);
  out.push('|---|---:|---:|---:|');
  const row = (label, v) => out.push(`| ${label} | ${s(v.median)} | ${s(v.min)} | ${s(v.max)} |`);
  row('**App: "Nu synchroniseren" → every record sent** (`wijkpeil-sync-push`)', x.appPush);
  row('App: the whole sync run, its pull of the 10,000 included (`wijkpeil-sync`)', x.appRun);
  row('App: click → screen says "Alles is verstuurd naar de server."', x.appClick);
  row('PouchDB: `PouchDB.replicate(local, remote)`', x.pouch);
  row('**Floor: raw `fetch` to `_bulk_docs`, `new_edits:false`, 500 a batch**', x.floor);
  out.push('');
  out.push(
    `**App / floor: ${fmt(x.appRatio, 2)}×** (medians; goal ≤ 1.3×); per round: ${r.runs.map((y) => `${fmt(y.appRatio, 2)}×`).join(', ')}. ` +
      `**PouchDB / floor: ${fmt(x.pouchRatio, 2)}×**; per round: ${r.runs.map((y) => `${fmt(y.pouchRatio, 2)}×`).join(', ')}.`,
  );
  out.push('');
  out.push(
    `Checked every run: the server's database then held the ${m.records} documents with the app's revisions and one leaf each; ` +
      `the app's screen said nothing waits; PouchDB wrote ${m.records} with no failures; the floor's batches had no errors.`,
  );
  return out.join('\n');
}

// -------------------------------------------------------------------- main

function version(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
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
  const n = Number(process.env.BENCH_PUSH_RECORDS || 10000);
  const runs = Number(process.env.BENCH_PUSH_RUNS || 5);
  const out = path.resolve(root, process.env.BENCH_PUSH_OUT || 'bench/results/push.json');
  const executablePath = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';
  const port = Number(process.env.BENCH_COUCH_PORT || 0) || (await freePort());
  const origin = new URL(url).origin;

  const generated = generate(n);
  const records = JSON.stringify(generated.lists);
  const tombstones = Object.values(generated.lists).flat().filter((r) => r.deleted).length;
  // BENCH_COUCH_URL: another server (a real CouchDB, or the test server
  // behind tools/fault-proxy to see the requests), its admin in
  // BENCH_COUCH_ADMIN; it must allow the origin of BENCH_URL (CORS).
  const server = process.env.BENCH_COUCH_URL
    ? { url: process.env.BENCH_COUCH_URL.replace(/\/+$/, ''), child: { kill() {} } }
    : await startCouch(port, origin);
  log(`couch-test-server at ${server.url}`);
  const ctx = { url, couch: server.url, executablePath, pouchFiles: pouchFiles() };
  let dbCount = 0;
  const freshDb = async (what) => {
    const db = `bench-${what}-${++dbCount}`;
    await setupDb(server.url, db);
    return db;
  };
  try {
    // Warm-up: the app once (discarded); what it sent is the other two's.
    log(`warm-up: the app pushes ${n} records (discarded)`);
    const warmDb = await freshDb('app');
    const warm = await appRun(ctx, warmDb, records);
    if (warm.recordsPut !== n) throw new Error(`put ${warm.recordsPut} records, not ${n}`);
    const reference = await serverState(server.url, warmDb);
    if (reference.docs.size !== n || reference.conflicts) throw new Error(`warm-up: the server holds ${reference.docs.size} documents, ${reference.conflicts} with conflicts`);
    const stored = await storedDocs(server.url, warmDb);
    await dropDb(server.url, warmDb);
    const byKind = new Map(KINDS.map((k) => [k, []]));
    for (const d of stored) byKind.get(d._id.slice(0, d._id.indexOf(':'))).push(d);
    const batches = [];
    for (const k of KINDS) {
      const list = byKind.get(k).sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      for (let i = 0; i < list.length; i += BATCH) batches.push(list.slice(i, i + BATCH));
    }
    ctx.docsText = JSON.stringify(batches);
    log(`warm-up: app push ${s(warm.pushMs)} s; ${batches.length} batches; PouchDB and floor once each (discarded)`);
    if (process.env.BENCH_PUSH_TRACE) {
      for (const q of warm.requests) log(`  ${fmt(q.start)} ms: ${q.name} sent +${fmt(q.sent - q.start)}, first byte +${fmt(q.firstByte - q.start)}, end +${fmt(q.end - q.start)}`);
    }
    {
      const db1 = await freshDb('pouch');
      await pouchRun(ctx, db1);
      await dropDb(server.url, db1);
      const db2 = await freshDb('floor');
      await floorRun(ctx, db2);
      await dropDb(server.url, db2);
    }

    const result = {
      meta: {
        date: new Date().toISOString(),
        url,
        records: n,
        counts: generated.counts,
        tombstones,
        batches: batches.length,
        docsBytes: Buffer.byteLength(batches.map((b) => JSON.stringify(b)).join('')),
        cpus: os.cpus().length,
        cpuModel: (os.cpus()[0] && os.cpus()[0].model.trim()) || 'unknown',
        loadavg: os.loadavg().map((v) => Number(v.toFixed(2))),
        node: process.version,
        git: process.env.BENCH_SOURCE || git(),
        pouchdb: version(path.join(root, 'bench', 'node_modules', 'pouchdb-browser')),
        expressPouchdb: version(path.join(root, 'tools', 'couch-test-server', 'node_modules', 'express-pouchdb')),
      },
      runs: [],
    };
    const variants = {
      app: async () => {
        const db = await freshDb('app');
        const r = await appRun(ctx, db, records);
        const problems = sameState(reference.docs, await serverState(server.url, db));
        if (!/Alles is verstuurd/.test(r.pendingText)) problems.push(`the app says: ${r.pendingText}`);
        if (r.error) problems.push(`the app's error: ${r.error}`);
        if (r.pushMs === null) problems.push('no wijkpeil-sync-push measure');
        await dropDb(server.url, db);
        return { r, problems };
      },
      pouchdb: async () => {
        const db = await freshDb('pouch');
        const r = await pouchRun(ctx, db);
        const problems = sameState(reference.docs, await serverState(server.url, db));
        if (r.localDocs + tombstones !== n || r.localErrors) problems.push(`local PouchDB: ${r.localDocs} live documents, ${r.localErrors} errors`);
        if (r.docsWritten !== n || r.docWriteFailures) problems.push(`PouchDB wrote ${r.docsWritten}, ${r.docWriteFailures} failures`);
        await dropDb(server.url, db);
        return { r, problems };
      },
      floor: async () => {
        const db = await freshDb('floor');
        const r = await floorRun(ctx, db);
        const problems = sameState(reference.docs, await serverState(server.url, db));
        if (r.docs !== n || r.errors || r.statusBad) problems.push(`floor: ${r.docs} docs, ${r.errors} errors, ${r.statusBad} bad statuses`);
        await dropDb(server.url, db);
        return { r, problems };
      },
    };
    const names = Object.keys(variants);
    for (let i = 0; i < runs; i++) {
      const order = names.map((_, k) => names[(k + i) % names.length]);
      const round = { order };
      for (const name of order) {
        const { r, problems } = await variants[name]();
        if (problems.length) throw new Error(`${name} run did not do what it should:\n  ${problems.join('\n  ')}`);
        round[name] = r;
      }
      round.appRatio = round.app.pushMs / round.floor.bulkDocsMs;
      round.pouchRatio = round.pouchdb.replicateMs / round.floor.bulkDocsMs;
      log(
        `round ${i + 1}/${runs} (${order.join(', ')}): app ${s(round.app.pushMs)} s (run ${s(round.app.runMs)}), ` +
          `PouchDB ${s(round.pouchdb.replicateMs)} s, floor ${s(round.floor.bulkDocsMs)} s; ` +
          `app ${fmt(round.appRatio, 2)}×, PouchDB ${fmt(round.pouchRatio, 2)}×`,
      );
      result.runs.push(round);
    }
    const col = (f) => spread(result.runs.map(f));
    result.summary = {
      appPush: col((x) => x.app.pushMs),
      appRun: col((x) => x.app.runMs),
      appClick: col((x) => x.app.clickToAllSentMs),
      pouch: col((x) => x.pouchdb.replicateMs),
      floor: col((x) => x.floor.bulkDocsMs),
    };
    result.summary.appRatio = result.summary.appPush.median / result.summary.floor.median;
    result.summary.pouchRatio = result.summary.pouch.median / result.summary.floor.median;
    result.meta.loadavgAfter = os.loadavg().map((v) => Number(v.toFixed(2)));
    result.meta.chromium = execFileSync(executablePath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
      .replace(/^Chromium\s+/, '');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    log(`raw results: ${path.relative(root, out)}`);
    console.log(report(result));
  } finally {
    server.child.kill();
  }
}

main().catch((e) => {
  console.error(`[bench:push] error: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
