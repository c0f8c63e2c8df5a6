// Node-side helpers for the specs that need CouchDB: the test server
// (tools/couch-test-server) and the fault proxy in front of it
// (tools/fault-proxy). scripts/test starts both and exports:
//   COUCH_URL           the test server, e.g. http://127.0.0.1:41234
//   COUCH_PROXY_URL     the fault proxy in front of it (what the app should use)
//   COUCH_ADMIN         admin:secret
//   COUCH_DROPOFF_AUTH  wijkpeil-dropoff:geheim-dropoff (the drop-off account)
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const DB = 'wijkpeil';
export const DROPOFF = 'wijkpeil-enquete';
/** The users resetDatabases() creates: password `geheim-<name>`. */
export const USERS = {
  tablet1: { name: 'tablet1', password: 'geheim-tablet1', role: 'wijkpeil-staff' },
  tablet2: { name: 'tablet2', password: 'geheim-tablet2', role: 'wijkpeil-staff' },
  coord: { name: 'coord', password: 'geheim-coord', role: 'wijkpeil-coordinator' },
};

function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the specs through scripts/test, or start the servers as tools/couch-test-server/README.md says`);
  return v.replace(/\/+$/, '');
}

/** Are the CouchDB servers there? For `test.skip(!couchAvailable(), …)`. */
export function couchAvailable() {
  return Boolean(process.env.COUCH_URL && process.env.COUCH_PROXY_URL);
}

export function couchUrl() {
  return env('COUCH_URL');
}

export function proxyUrl() {
  return env('COUCH_PROXY_URL');
}

export function adminLogin() {
  return process.env.COUCH_ADMIN || 'admin:secret';
}

export function dropoffLogin() {
  return process.env.COUCH_DROPOFF_AUTH || 'wijkpeil-dropoff:geheim-dropoff';
}

/** `Authorization` value for "name:password" or a USERS entry. */
export function basic(login) {
  const s = typeof login === 'string' ? login : `${login.name}:${login.password}`;
  return 'Basic ' + Buffer.from(s).toString('base64');
}

/**
 * One request to CouchDB (COUCH_URL; `base` to go elsewhere). `auth`: a login
 * ("name:password" or a USERS entry), null for anonymous; default the admin.
 * Resolves {status, json, headers}; never throws on an HTTP status.
 */
export async function couch(method, urlPath, { body, auth = adminLogin(), headers = {}, base = couchUrl() } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (auth) h.Authorization = basic(auth);
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const res = await fetch(`${base}/${urlPath.replace(/^\//, '')}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Runs tools/couch-setup/setup.mjs against COUCH_URL with extra arguments; resolves {code, stdout, stderr}. */
export function setup(args = []) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'tools/couch-setup/setup.mjs'), '--url', couchUrl(), ...args],
      { env: { ...process.env, COUCH_ADMIN: adminLogin() }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The hub databases on the server (`wijkpeil-hub-<code>`). */
export async function hubDatabases() {
  const r = await couch('GET', '_all_dbs');
  if (r.status !== 200) throw new Error(`_all_dbs: ${r.status} ${r.text}`);
  return r.json.filter((n) => n.startsWith(`${DB}-hub-`));
}

/**
 * Deletes both databases, any hub databases and the server's replications
 * (`_replicator`), and sets the two up again (tools/couch-setup) without
 * hubs: the tablets sync with `wijkpeil` itself, as on a server set up
 * before hubs (couch-roles.spec tests the hubs). Users tablet1, tablet2
 * (wijkpeil-staff), coord (wijkpeil-coordinator) and the drop-off account.
 * Does not touch the fault proxy: see passAll().
 */
export async function resetDatabases() {
  // The hubs first: a replication still running then has nothing to bring.
  for (const db of [...(await hubDatabases()), '_replicator', DB, DROPOFF]) {
    const r = await couch('DELETE', encodeURIComponent(db));
    if (r.status !== 200 && r.status !== 202 && r.status !== 404) {
      throw new Error(`deleting ${db}: ${r.status} ${r.text}`);
    }
  }
  const users = Object.values(USERS).flatMap((u) => ['--user', `${u.name}:${u.password}:${u.role}`]);
  const r = await setup(['--db', DB, '--dropoff', DROPOFF, '--dropoff-user', dropoffLogin(), ...users]);
  if (r.code !== 0) throw new Error(`couch-setup failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
}

/**
 * Every document of `db` as the admin sees it, sorted by id, design documents
 * left out: [{id, rev, conflicts: [rev...], deleted, doc}]. Live documents come
 * from _all_docs?include_docs=true&conflicts=true, deleted ones from
 * _changes?style=all_docs (their `doc` is the deletion's body).
 */
export async function docs(db = DB, { design = false } = {}) {
  const all = await couch('GET', `${encodeURIComponent(db)}/_all_docs?include_docs=true&conflicts=true`);
  if (all.status !== 200) throw new Error(`_all_docs of ${db}: ${all.status} ${all.text}`);
  const out = all.json.rows.map((r) => ({
    id: r.id,
    rev: r.value.rev,
    conflicts: (r.doc && r.doc._conflicts) || [],
    deleted: false,
    doc: r.doc,
  }));
  const ch = await couch('GET', `${encodeURIComponent(db)}/_changes?style=all_docs&include_docs=true`);
  if (ch.status !== 200) throw new Error(`_changes of ${db}: ${ch.status} ${ch.text}`);
  for (const r of ch.json.results) {
    if (!r.deleted) continue;
    // A deleted winner means every leaf is deleted: no conflicts to report.
    out.push({ id: r.id, rev: r.doc ? r.doc._rev : r.changes[0].rev, conflicts: [], deleted: true, doc: r.doc || null });
  }
  return out.filter((d) => design || !d.id.startsWith('_design/')).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function control(method, p, body) {
  const res = await fetch(`${proxyUrl()}${p}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`fault proxy ${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Sets the fault proxy's fault: {mode, count, match, status, ms} (see
 * tools/fault-proxy/README.md). Replaces the fault set before.
 */
export function fault(opts) {
  return control('POST', '/__fault', opts);
}

/** Everything back to forwarding. */
export function passAll() {
  return control('POST', '/__fault', { mode: 'pass' });
}

/** [{method, path, status, fault}] of the requests since the last clear. */
export function faultLog() {
  return control('GET', '/__fault/log');
}

export function clearFaultLog() {
  return control('DELETE', '/__fault/log');
}

/** A record as a device pushes it to the server (a new id each call), of
 * `kind`, with `extra` fields over the bookkeeping. */
export function serverRecord(kind = 'contact', extra = {}) {
  const id = randomUUID();
  return {
    _id: `${kind}:${id}`,
    id,
    kind,
    schema_version: 1,
    created_at: '2026-11-23T14:01:58.000Z',
    updated_at: '2026-11-23T14:01:58.000Z',
    device_id: 'tablet-test',
    revision: 1,
    deleted: false,
    ...extra,
  };
}
