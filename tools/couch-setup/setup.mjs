#!/usr/bin/env node
// Sets up a CouchDB server for Wijkpeil. Idempotent: run it again after an
// update, it changes only what differs. Plain Node >= 18 (global fetch), no deps.
//
//   node tools/couch-setup/setup.mjs --url http://127.0.0.1:5984 --admin admin:secret \
//     [--db wijkpeil] [--dropoff wijkpeil-enquete] \
//     [--dropoff-user wijkpeil-dropoff:PASSWORD] \
//     [--user name:password:role ...]
//
// --admin may be left out when COUCH_ADMIN=name:password is set (keeps the
// password out of the process list). What it does: see README.md here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROLES = ['wijkpeil-staff', 'wijkpeil-coordinator'];
const USAGE =
  'usage: node tools/couch-setup/setup.mjs --url http://127.0.0.1:5984 --admin name:password\n' +
  '         [--db wijkpeil] [--dropoff wijkpeil-enquete] [--dropoff-user name:password]\n' +
  '         [--user name:password:role]...   (role: ' + ROLES.join(' or ') + ')';

class SetupError extends Error {}

function fail(msg) {
  throw new SetupError(msg);
}

function parseArgs(argv) {
  const opts = { users: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) fail(`unexpected argument ${JSON.stringify(a)}\n${USAGE}`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined) fail(`--${m[1]} needs a value\n${USAGE}`);
    switch (m[1]) {
      case 'url': opts.url = value; break;
      case 'admin': opts.admin = value; break;
      case 'db': opts.db = value; break;
      case 'dropoff': opts.dropoff = value; break;
      case 'dropoff-user': opts.dropoffUser = value; break;
      case 'user': opts.users.push(value); break;
      default: fail(`unknown option --${m[1]}\n${USAGE}`);
    }
  }
  return opts;
}

/** "name:password" → {name, password}; the password may contain ':'. */
function splitLogin(s, what) {
  const i = s.indexOf(':');
  if (i <= 0 || i === s.length - 1) fail(`${what} must be name:password`);
  return { name: s.slice(0, i), password: s.slice(i + 1) };
}

/** "name:password:role" → {name, password, role}; the password may contain ':'. */
function splitUser(s) {
  const first = s.indexOf(':');
  const last = s.lastIndexOf(':');
  if (first <= 0 || last === first || last === s.length - 1) fail(`--user ${JSON.stringify(s)} must be name:password:role`);
  const u = { name: s.slice(0, first), password: s.slice(first + 1, last), role: s.slice(last + 1) };
  if (!u.password) fail(`--user ${u.name}: empty password`);
  if (!ROLES.includes(u.role)) fail(`--user ${u.name}: role must be ${ROLES.join(' or ')}, not ${JSON.stringify(u.role)}`);
  return u;
}

function dbNameOk(name) {
  // CouchDB's rule for database names.
  return /^[a-z][a-z0-9_$()+/-]*$/.test(name);
}

function client(base, admin) {
  const root = base.replace(/\/+$/, '');
  const auth = 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64');
  return async function couch(method, p, body) {
    const url = `${root}/${p}`;
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: { Authorization: auth, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      const cause = e.cause && (e.cause.code || e.cause.message);
      fail(`cannot reach ${url}: ${cause || e.message}`);
    }
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text };
  };
}

function describe(r) {
  if (r.json && r.json.error) return `${r.status} ${r.json.error}: ${r.json.reason}`;
  return `${r.status} ${r.text.slice(0, 200)}`;
}

async function readValidator(file) {
  const src = (await readFile(path.join(here, file), 'utf8')).trim().replace(/;\s*$/, '');
  if (!/^function\b/.test(src)) fail(`${file} must start with "function" (no comments above it)`);
  try {
    // Only a syntax check here; CouchDB compiles it again.
    // eslint-disable-next-line no-new-func
    if (typeof new Function(`return (${src});`)() !== 'function') throw new Error('not a function');
  } catch (e) {
    fail(`${file} does not compile: ${e.message}`);
  }
  return src;
}

async function ensureDb(couch, db) {
  const r = await couch('PUT', encodeURIComponent(db));
  if (r.status === 201 || r.status === 202) return console.log(`ok: database ${db} created`);
  if (r.status === 412) return console.log(`ok: database ${db} already there`);
  fail(`creating database ${db}: ${describe(r)}`);
}

async function putSecurity(couch, db, sec) {
  const cur = await couch('GET', `${encodeURIComponent(db)}/_security`);
  if (cur.status === 200 && JSON.stringify(normalizeSec(cur.json)) === JSON.stringify(normalizeSec(sec))) {
    return console.log(`ok: ${db}/_security unchanged`);
  }
  const r = await couch('PUT', `${encodeURIComponent(db)}/_security`, sec);
  if (r.status !== 200 || !(r.json && r.json.ok)) fail(`setting ${db}/_security: ${describe(r)}`);
  console.log(`ok: ${db}/_security set (members: roles ${sec.members.roles.join(', ') || '-'}; names ${sec.members.names.join(', ') || '-'})`);
}

function normalizeSec(s) {
  const part = (p) => ({ names: [...((p && p.names) || [])].sort(), roles: [...((p && p.roles) || [])].sort() });
  return { admins: part(s && s.admins), members: part(s && s.members) };
}

// The filter a volunteer's tablet pulls with (`_changes?filter=wijkpeil/shared`):
// only what every device shares, not other hubs' records.
const SHARED_FILTER = `function (doc) {
  return doc.kind === 'survey_definition' || doc.kind === 'org_list';
}`;

async function putDesign(couch, db, validate, filters = {}) {
  const id = '_design/wijkpeil';
  const url = `${encodeURIComponent(db)}/${id}`;
  const cur = await couch('GET', url);
  const doc = { _id: id, language: 'javascript', validate_doc_update: validate, filters };
  if (cur.status === 200) {
    if (
      cur.json.validate_doc_update === validate &&
      cur.json.language === 'javascript' &&
      JSON.stringify(cur.json.filters || {}) === JSON.stringify(filters)
    ) {
      return console.log(`ok: ${db}/${id} unchanged`);
    }
    doc._rev = cur.json._rev;
  } else if (cur.status !== 404) {
    fail(`reading ${db}/${id}: ${describe(cur)}`);
  }
  const r = await couch('PUT', url, doc);
  if (r.status !== 201 && r.status !== 202) fail(`writing ${db}/${id}: ${describe(r)}`);
  console.log(`ok: ${db}/${id} ${doc._rev ? 'updated' : 'written'} (validate_doc_update)`);
}

async function putUser(couch, { name, password, roles }) {
  const url = `_users/${encodeURIComponent('org.couchdb.user:' + name)}`;
  const cur = await couch('GET', url);
  const doc = { _id: `org.couchdb.user:${name}`, name, type: 'user', roles, password };
  if (cur.status === 200) doc._rev = cur.json._rev;
  else if (cur.status !== 404) fail(`reading user ${name}: ${describe(cur)}`);
  const r = await couch('PUT', url, doc);
  if (r.status !== 201 && r.status !== 202) fail(`writing user ${name}: ${describe(r)}`);
  console.log(`ok: user ${name} ${doc._rev ? 'updated' : 'created'} (roles: ${roles.join(', ') || 'none'})`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.url) fail(`--url is required\n${USAGE}`);
  let base;
  try {
    base = new URL(opts.url);
  } catch {
    fail(`--url ${JSON.stringify(opts.url)} is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') fail('--url must be http:// or https://');
  const adminSpec = opts.admin || process.env.COUCH_ADMIN;
  if (!adminSpec) fail(`--admin name:password (or COUCH_ADMIN) is required\n${USAGE}`);
  const admin = splitLogin(adminSpec, '--admin');
  const db = opts.db || 'wijkpeil';
  const dropoff = opts.dropoff || 'wijkpeil-enquete';
  for (const n of [db, dropoff]) if (!dbNameOk(n)) fail(`${JSON.stringify(n)} is not a valid CouchDB database name`);
  if (db === dropoff) fail('--db and --dropoff must differ');
  const dropoffUser = opts.dropoffUser ? splitLogin(opts.dropoffUser, '--dropoff-user') : null;
  const users = opts.users.map(splitUser);

  const [mainValidate, dropoffValidate] = await Promise.all([
    readValidator('validate-main.js'),
    readValidator('validate-dropoff.js'),
  ]);

  const couch = client(base.href, admin);
  const hello = await couch('GET', '');
  if (hello.status === 401) fail(`${admin.name}: name or password is incorrect (${describe(hello)})`);
  if (hello.status !== 200 || !hello.json) fail(`${base.href} does not answer like CouchDB: ${describe(hello)}`);
  const session = await couch('GET', '_session');
  const roles = (session.json && session.json.userCtx && session.json.userCtx.roles) || [];
  if (!roles.includes('_admin')) fail(`${admin.name} is not a server admin (roles: ${roles.join(', ') || 'none'})`);
  console.log(`ok: ${base.href} answers; ${admin.name} is a server admin`);

  await ensureDb(couch, db);
  await ensureDb(couch, dropoff);
  // CouchDB 3 does not create _users by itself on a single node set up by hand.
  await ensureDb(couch, '_users');

  await putSecurity(couch, db, {
    admins: { names: [], roles: [] },
    members: { names: [], roles: ['wijkpeil-staff', 'wijkpeil-coordinator'] },
  });
  await putSecurity(couch, dropoff, {
    admins: { names: [], roles: [] },
    members: { names: dropoffUser ? [dropoffUser.name] : [], roles: ['wijkpeil-coordinator'] },
  });

  await putDesign(couch, db, mainValidate, { shared: SHARED_FILTER });
  await putDesign(couch, dropoff, dropoffValidate);

  if (dropoffUser) await putUser(couch, { name: dropoffUser.name, password: dropoffUser.password, roles: [] });
  for (const u of users) await putUser(couch, { name: u.name, password: u.password, roles: [u.role] });

  console.log('ok: setup complete');
}

main().catch((e) => {
  if (e instanceof SetupError) console.error(`setup: error: ${e.message}`);
  else console.error('setup: error:', e);
  process.exit(1);
});
