#!/usr/bin/env node
// Sets up a CouchDB server for Wijkpeil. Idempotent: run it again after an
// update, it changes only what differs. Plain Node >= 18 (global fetch), no deps.
//
//   node tools/couch-setup/setup.mjs --url http://127.0.0.1:5984 --admin admin:secret \
//     [--db wijkpeil] [--dropoff wijkpeil-enquete] \
//     [--dropoff-user wijkpeil-dropoff:PASSWORD] \
//     [--hub CODE ...] [--replicator wijkpeil-replicator:PASSWORD] [--replicate-url URL] \
//     [--user name:password:role ...]
//
// --admin may be left out when COUCH_ADMIN=name:password is set, --replicator
// when COUCH_REPLICATOR=name:password is set (keeps the passwords out of the
// process list). What it does: see README.md here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const COORDINATOR = 'wijkpeil-coordinator';
/** The role of the tablets before hubs; a member of the main database only while no hub exists. */
const LEGACY_STAFF = 'wijkpeil-staff';
const REPLICATOR_ROLE = 'wijkpeil-replicator';
const HUB_ROLE_PREFIX = 'wijkpeil-hub-';
const HUB_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const USAGE =
  'usage: node tools/couch-setup/setup.mjs --url http://127.0.0.1:5984 --admin name:password\n' +
  '         [--db wijkpeil] [--dropoff wijkpeil-enquete] [--dropoff-user name:password]\n' +
  '         [--hub code]... [--replicator name:password] [--replicate-url http://127.0.0.1:5984]\n' +
  '         [--user name:password:role]...   (role: ' + COORDINATOR + ' or ' + HUB_ROLE_PREFIX + '<code>)';

class SetupError extends Error {}

function fail(msg) {
  throw new SetupError(msg);
}

function parseArgs(argv) {
  const opts = { users: [], hubs: [] };
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
      case 'hub': opts.hubs.push(value); break;
      case 'replicator': opts.replicator = value; break;
      case 'replicate-url': opts.replicateUrl = value; break;
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
  const hub = u.role.startsWith(HUB_ROLE_PREFIX) && HUB_CODE.test(u.role.slice(HUB_ROLE_PREFIX.length));
  if (u.role !== COORDINATOR && u.role !== LEGACY_STAFF && !hub) {
    fail(`--user ${u.name}: role must be ${COORDINATOR} or ${HUB_ROLE_PREFIX}<code>, not ${JSON.stringify(u.role)}`);
  }
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
// only what every device shares, not other hubs' records. In the main database
// and in every hub database.
const SHARED_FILTER = `function (doc) {
  return doc.kind === 'survey_definition' || doc.kind === 'org_list';
}`;

// Main database → a hub (the server's own replication): what every device
// shares, and deletions of contacts and survey responses, so that a record
// deleted in the main database (retention, a coordinator) is gone from the
// hub as well. A deletion carries no content.
const TO_HUB_FILTER = `function (doc) {
  var id = doc._id;
  if (id.indexOf('org_list:') === 0 || id.indexOf('survey_definition:') === 0) return true;
  return doc._deleted === true && (id.indexOf('contact:') === 0 || id.indexOf('survey_response:') === 0);
}`;

// A hub → the main database: the contacts and survey responses made on the
// hub's tablets (and their deletions).
const TO_MAIN_FILTER = `function (doc) {
  return doc._id.indexOf('contact:') === 0 || doc._id.indexOf('survey_response:') === 0;
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

/** The hub databases on the server: `<db>-hub-<code>` → code. */
async function hubsOnServer(couch, db) {
  const r = await couch('GET', '_all_dbs');
  if (r.status !== 200 || !Array.isArray(r.json)) fail(`listing the databases: ${describe(r)}`);
  const prefix = `${db}-hub-`;
  return r.json.filter((n) => n.startsWith(prefix) && HUB_CODE.test(n.slice(prefix.length))).map((n) => n.slice(prefix.length));
}

/**
 * One continuous, filtered replication in `_replicator` (CouchDB 3.2 or newer:
 * credentials in `auth.basic`). Compares only the fields set here: CouchDB
 * adds its own (`owner`, and `_replication_state` when one ends or fails).
 */
async function putReplication(couch, rep) {
  const url = `_replicator/${encodeURIComponent(rep._id)}`;
  const cur = await couch('GET', url);
  const fields = ['source', 'target', 'filter', 'continuous', 'create_target'];
  const pick = (d) => JSON.stringify(fields.map((f) => (d[f] === undefined ? null : d[f])));
  const doc = { ...rep };
  if (cur.status === 200) {
    if (pick(cur.json) === pick(rep)) return console.log(`ok: replication ${rep._id} unchanged`);
    doc._rev = cur.json._rev;
  } else if (cur.status !== 404) {
    fail(`reading _replicator/${rep._id}: ${describe(cur)}`);
  }
  const r = await couch('PUT', url, doc);
  if (r.status !== 201 && r.status !== 202) fail(`writing _replicator/${rep._id}: ${describe(r)}`);
  console.log(`ok: replication ${rep._id} ${doc._rev ? 'updated' : 'written'} (${rep.filter})`);
}

function endpoint(base, db, login) {
  return { url: `${base}/${encodeURIComponent(db)}`, auth: { basic: { username: login.name, password: login.password } } };
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
  let replicateBase = base;
  if (opts.replicateUrl) {
    try {
      replicateBase = new URL(opts.replicateUrl);
    } catch {
      fail(`--replicate-url ${JSON.stringify(opts.replicateUrl)} is not a URL`);
    }
    if (replicateBase.protocol !== 'http:' && replicateBase.protocol !== 'https:') fail('--replicate-url must be http:// or https://');
  }
  const adminSpec = opts.admin || process.env.COUCH_ADMIN;
  if (!adminSpec) fail(`--admin name:password (or COUCH_ADMIN) is required\n${USAGE}`);
  const admin = splitLogin(adminSpec, '--admin');
  const db = opts.db || 'wijkpeil';
  const dropoff = opts.dropoff || 'wijkpeil-enquete';
  for (const n of [db, dropoff]) if (!dbNameOk(n)) fail(`${JSON.stringify(n)} is not a valid CouchDB database name`);
  if (db === dropoff) fail('--db and --dropoff must differ');
  for (const h of opts.hubs) if (!HUB_CODE.test(h)) fail(`--hub ${JSON.stringify(h)}: a hub code is 1 to 32 of a-z, 0-9 and -, starting with a letter or digit`);
  if (dropoff.startsWith(`${db}-hub-`)) fail('--dropoff must not look like a hub database');
  const dropoffUser = opts.dropoffUser ? splitLogin(opts.dropoffUser, '--dropoff-user') : null;
  const replicatorSpec = opts.replicator || process.env.COUCH_REPLICATOR;
  const replicator = replicatorSpec ? splitLogin(replicatorSpec, '--replicator') : null;
  const users = opts.users.map(splitUser);

  const [mainValidate, dropoffValidate, hubValidate] = await Promise.all([
    readValidator('validate-main.js'),
    readValidator('validate-dropoff.js'),
    readValidator('validate-hub.js'),
  ]);

  const couch = client(base.href, admin);
  const hello = await couch('GET', '');
  if (hello.status === 401) fail(`${admin.name}: name or password is incorrect (${describe(hello)})`);
  if (hello.status !== 200 || !hello.json) fail(`${base.href} does not answer like CouchDB: ${describe(hello)}`);
  const session = await couch('GET', '_session');
  const roles = (session.json && session.json.userCtx && session.json.userCtx.roles) || [];
  if (!roles.includes('_admin')) fail(`${admin.name} is not a server admin (roles: ${roles.join(', ') || 'none'})`);
  console.log(`ok: ${base.href} answers; ${admin.name} is a server admin`);

  // Every hub on the server is kept up to date, also when not named this time.
  const found = await hubsOnServer(couch, db);
  const hubs = [...new Set([...found, ...opts.hubs])].sort();
  if (hubs.length && !replicator) {
    fail(`the hub databases (${hubs.join(', ')}) need --replicator name:password (or COUCH_REPLICATOR): the account the server's replications use`);
  }
  if (replicator && [admin.name, dropoffUser && dropoffUser.name, ...users.map((u) => u.name)].includes(replicator.name)) {
    fail(`--replicator ${replicator.name}: use an account for nothing else`);
  }
  for (const u of users) {
    if (u.role === LEGACY_STAFF && hubs.length) {
      fail(`--user ${u.name}: the role ${LEGACY_STAFF} reaches nothing once hubs exist; give the tablet its hub's role, ${HUB_ROLE_PREFIX}<code>`);
    }
    if (u.role.startsWith(HUB_ROLE_PREFIX) && !hubs.includes(u.role.slice(HUB_ROLE_PREFIX.length))) {
      fail(`--user ${u.name}: there is no hub ${u.role.slice(HUB_ROLE_PREFIX.length)} (set it up with --hub ${u.role.slice(HUB_ROLE_PREFIX.length)})`);
    }
  }

  await ensureDb(couch, db);
  await ensureDb(couch, dropoff);
  // CouchDB 3 does not create _users and _replicator by itself on a single node set up by hand.
  await ensureDb(couch, '_users');
  if (hubs.length) await ensureDb(couch, '_replicator');

  const mainSec = await couch('GET', `${encodeURIComponent(db)}/_security`);
  const legacy = !hubs.length;
  if (legacy) {
    // Before hubs: the tablets (role wijkpeil-staff) sync with the main database itself.
    await putSecurity(couch, db, {
      admins: { names: [], roles: [] },
      members: { names: [], roles: [LEGACY_STAFF, COORDINATOR] },
    });
  }
  await putSecurity(couch, dropoff, {
    admins: { names: [], roles: [] },
    members: { names: dropoffUser ? [dropoffUser.name] : [], roles: [COORDINATOR] },
  });

  await putDesign(couch, db, mainValidate, { shared: SHARED_FILTER, to_hub: TO_HUB_FILTER });
  await putDesign(couch, dropoff, dropoffValidate);

  if (dropoffUser) await putUser(couch, { name: dropoffUser.name, password: dropoffUser.password, roles: [] });

  if (hubs.length) {
    // The replication account must reach the main database before its
    // replications start (the tablets' old role, if there, stays until the end).
    const members = (mainSec.status === 200 && mainSec.json && mainSec.json.members) || {};
    const current = Array.isArray(members.roles) ? members.roles : [];
    if (!current.includes(REPLICATOR_ROLE)) {
      await putSecurity(couch, db, {
        admins: { names: [], roles: [] },
        members: { names: [], roles: [...new Set([...current, COORDINATOR, REPLICATOR_ROLE])] },
      });
    }
    // Only server admins read _replicator: its documents hold the replication account's password.
    await putSecurity(couch, '_replicator', {
      admins: { names: [], roles: [] },
      members: { names: [], roles: ['_admin'] },
    });
    await putUser(couch, { name: replicator.name, password: replicator.password, roles: [REPLICATOR_ROLE] });
    const root = replicateBase.href.replace(/\/+$/, '');
    for (const code of hubs) {
      const hubDb = `${db}-hub-${code}`;
      await ensureDb(couch, hubDb);
      await putSecurity(couch, hubDb, {
        admins: { names: [], roles: [] },
        members: { names: [], roles: [HUB_ROLE_PREFIX + code, COORDINATOR, REPLICATOR_ROLE] },
      });
      await putDesign(couch, hubDb, hubValidate, { shared: SHARED_FILTER, to_main: TO_MAIN_FILTER });
      await putReplication(couch, {
        _id: `${hubDb}-to-${db}`,
        source: endpoint(root, hubDb, replicator),
        target: endpoint(root, db, replicator),
        filter: 'wijkpeil/to_main',
        continuous: true,
      });
      await putReplication(couch, {
        _id: `${db}-to-${hubDb}`,
        source: endpoint(root, db, replicator),
        target: endpoint(root, hubDb, replicator),
        filter: 'wijkpeil/to_hub',
        continuous: true,
      });
    }
    // Last: only now that every hub and its replications exist, the tablets'
    // old role leaves the main database (a server set up before hubs).
    const before = current;
    await putSecurity(couch, db, {
      admins: { names: [], roles: [] },
      members: { names: [], roles: [COORDINATOR, REPLICATOR_ROLE] },
    });
    if (before.includes(LEGACY_STAFF)) console.log(`ok: ${LEGACY_STAFF} is no member of ${db} any more; tablets sync with their hub database now`);
  }

  for (const u of users) await putUser(couch, { name: u.name, password: u.password, roles: [u.role] });

  if (legacy) {
    console.log(`warning: no hub databases: volunteers' tablets (role ${LEGACY_STAFF}) sync with ${db} and their logins can read every record in it. Set up the hubs with --hub <code> (docs/DEPLOY.md).`);
  }
  console.log('ok: setup complete');
}

main().catch((e) => {
  if (e instanceof SetupError) console.error(`setup: error: ${e.message}`);
  else console.error('setup: error:', e);
  process.exit(1);
});
