#!/usr/bin/env node
// Minimal CouchDB-compatible test server: express-pouchdb over in-memory PouchDB.
// Usage: node server.js [--port 5984] [--host 127.0.0.1] [--admin user:pass]
//                       [--origins 'http://127.0.0.1:4173, http://localhost:4173' | '*']
//                       [--dropoff wijkpeil-enquete [--dropoff-auth name:password]]
//                       [--log /path/log.txt]
'use strict';
const os = require('os'), fs = require('fs'), path = require('path'), http = require('http');
const express = require('express');
const corser = require('corser');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const port = Number(args.port || process.env.COUCH_PORT || 5984);
const host = args.host || '127.0.0.1';
const origins = args.origins || '*';
const logPath = args.log || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'couch-')), 'log.txt');
const dropoff = args.dropoff || null;
const dropoffAuth = args['dropoff-auth'] ? 'Basic ' + Buffer.from(args['dropoff-auth']).toString('base64') : null;
if (args['dropoff-auth'] && !dropoff) throw new Error('--dropoff-auth needs --dropoff <db>');
let listening = null; // the http.Server, for requests to ourselves

const PouchCore = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-adapter-memory'));
const PouchDB = PouchCore.defaults({ adapter: 'memory' });
// For URLs (the _replicator emulation below): PouchDB picks the http adapter by itself.
const PouchHttp = PouchCore.defaults({ adapter: 'http' });

const pouchApp = require('express-pouchdb')({
  mode: 'fullCouchDB', inMemoryConfig: true, logPath,
  // express-pouchdb's own _replicator daemon (pouchdb-replicator) is not
  // CouchDB 3's: it rewrites the documents and refuses changes to a running
  // one. _replicator is an ordinary database here; see replicatorDaemon below.
  overrideMode: { exclude: ['replicator'] },
});

// CouchDB answers a logged-in user who is no member of a database with 403
// forbidden ("You are not allowed to access this db."), and only a request
// without a login with 401 (couch_db.erl, throw_security_error).
// pouchdb-security says 401 to both.
const pouchUtils = require('express-pouchdb/lib/utils');
const sendJSON = pouchUtils.sendJSON;
pouchUtils.sendJSON = function (res, status, body) {
  const ctx = res.req && res.req.couchSession && res.req.couchSession.userCtx;
  if (status === 401 && body && body.reason === 'You are not authorized to access this db.' && ctx && ctx.name) {
    return sendJSON.call(this, res, 403, { error: 'forbidden', reason: 'You are not allowed to access this db.' });
  }
  return sendJSON.apply(this, arguments);
};

const app = express();
// CORS as CouchDB's [cors] section: credentials allowed, origin echoed back.
const cors = corser.create({
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'COPY', 'OPTIONS'],
  supportsCredentials: true,
  origins: origins === '*' ? undefined : origins.split(/,\s*/),
  requestHeaders: corser.simpleRequestHeaders.concat(['Authorization', 'Origin', 'Referer', 'X-Requested-With']),
  responseHeaders: corser.simpleResponseHeaders.concat(['ETag', 'Content-Length', 'Location']),
  maxAge: 600,
});
app.use((req, res, next) => cors(req, res, () => {
  if (req.method === 'OPTIONS') return res.status(204).end(); // preflight ends here
  next();
}));

// A GET to ourselves with the caller's credentials (so _security applies as to the caller).
function selfGet(req, urlPath) {
  return new Promise((resolve) => {
    const headers = { accept: 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    if (req.headers.cookie) headers.cookie = req.headers.cookie;
    const r = http.get({ host, port: listening.address().port, path: urlPath, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(body); } catch (e) { /* not JSON */ }
        resolve({ status: res.statusCode, json });
      });
    });
    r.on('error', () => resolve({ status: 0, json: null }));
  });
}

function isAnonymous(req) {
  if (req.headers.authorization) return false;
  return !/(?:^|;\s*)AuthSession=[^;\s]/.test(req.headers.cookie || '');
}

function safeDecode(s) {
  try { return decodeURIComponent(s); } catch (e) { return null; }
}

// Drop-off (--dropoff DB): stands for the reverse-proxy rule of a real deployment.
// A request without credentials (no Authorization, no AuthSession cookie) to DB
// passes only as `PUT /DB/survey_response:<id>` or `GET /DB/survey:<survey>` (an
// own survey for a short link; preflights never get here);
// with --dropoff-auth it then carries that account's Basic credentials, as the
// proxy of docs/DEPLOY.md adds them. Every other anonymous request: 401.
if (dropoff) {
  app.use((req, res, next) => {
    const parts = req.path.split('/'); // ['', db, doc?, ...]
    if (safeDecode(parts[1] || '') !== dropoff || !isAnonymous(req)) return next();
    const doc = parts.length === 3 ? safeDecode(parts[2]) : null;
    const deliver = req.method === 'PUT' && doc && /^survey_response:[^/]+$/.test(doc);
    const surveyForPhones = req.method === 'GET' && doc && /^survey:[a-z0-9-]+$/.test(doc);
    if (deliver || surveyForPhones) {
      if (dropoffAuth) req.headers.authorization = dropoffAuth;
      return next();
    }
    res.status(401).json({
      error: 'unauthorized',
      reason: 'Without a login this database accepts only PUT /' + dropoff + '/survey_response:<id> and GET /' + dropoff + '/survey:<survey>.',
    });
  });
}

// pouchdb-validation overwrites each incoming doc's `_revisions` with the ancestry of the
// stored doc before it calls validate_doc_update. With new_edits:false, PouchDB then stores
// the doc by that wrong ancestry: a new revision on top of a stored one (2-b on 1-a) is
// silently dropped (answered 201 []), and a new doc loses its history. This happens only in
// databases with a validate_doc_update. Pin every doc's own `_revisions` (or its absence) so
// the overwrite does nothing: PouchDB then sees what the client sent, as CouchDB does.
// Only for _bulk_docs: `PUT /db/doc?new_edits=false` goes through a copy of the doc that
// is validated a second time, and stays broken in such databases (use _bulk_docs).
function pinRevisions(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return;
  const own = doc._revisions;
  Object.defineProperty(doc, '_revisions', {
    get: () => own,
    set: () => {},
    enumerable: own !== undefined,
    configurable: true,
  });
}
const parseBulk = express.json({ limit: '64mb' });
app.post(/^\/[^/]+\/_bulk_docs$/, (req, res, next) => parseBulk(req, res, (err) => {
  if (err && err.status === 413) return res.status(413).json({ error: 'too_large', reason: 'the request entity is too large' });
  if (err) return res.status(400).json({ error: 'bad_request', reason: 'invalid_json' });
  const body = req.body;
  if (body && body.new_edits === false && Array.isArray(body.docs)) body.docs.forEach(pinRevisions);
  next();
}));

// CouchDB checks the revision before it runs validate_doc_update: a PUT without a
// revision of a document that exists is a 409 conflict. PouchDB validates first
// (a create-only validate_doc_update would answer 403 instead). Restore CouchDB's order.
const parseJSON = express.json({ limit: '4mb' }); // only for Content-Type: application/json
app.put(/^\/[^/_][^/]*\/[^/_][^/]*$/, (req, res, next) => parseJSON(req, res, (err) => {
  if (err && err.status === 413) return res.status(413).json({ error: 'too_large', reason: 'the request entity is too large' });
  if (err) return res.status(400).json({ error: 'bad_request', reason: 'invalid_json' });
  next();
}), (req, res, next) => {
  const body = req.body;
  const hasRev = (body && typeof body === 'object' && body._rev) || req.query.rev || req.headers['if-match'];
  if (hasRev || req.query.new_edits === 'false') return next();
  selfGet(req, req.path).then((r) => {
    if (r.status === 200) return res.status(409).json({ error: 'conflict', reason: 'Document update conflict.' });
    next();
  });
});

// express-pouchdb ignores `timeout` on feed=longpoll; end the feed like CouchDB does.
app.use((req, res, next) => {
  const q = req.query;
  if (!/\/_changes$/.test(req.path) || q.feed !== 'longpoll' || q.timeout === undefined) return next();
  const since = Number(q.since || 0);
  let started = false, done = false;
  const write = res.write.bind(res), end = res.end.bind(res);
  res.write = (c, ...r) => { if (done) return true; started = true; return write(c, ...r); };
  res.end = (...r) => { if (done) return res; done = true; clearTimeout(t); return end(...r); };
  const t = setTimeout(async () => {
    if (done) return;
    let last = since;
    if (!Number.isFinite(last)) { // since=now: the database's current seq, as CouchDB
      const info = await selfGet(req, req.path.replace(/\/_changes$/, ''));
      last = info.json && Number.isFinite(info.json.update_seq) ? info.json.update_seq : 0;
      if (done) return;
    }
    if (!started) write('{"results":[\n');
    write('],\n"last_seq":' + last + '}\n');
    done = true; end();
  }, Math.max(0, Number(q.timeout) || 0));
  next();
});

app.use(pouchApp);

function guardNew() {
  // An unauthorised `PUT /db` makes PouchDB.new return a rejected promise, which
  // express-pouchdb 4.2.0 calls .info() on and crashes. Return a stub that reports the error.
  const orig = PouchDB.new;
  PouchDB.new = function (...a) {
    const r = orig.apply(this, a);
    if (r && typeof r.info !== 'function' && typeof r.then === 'function') {
      return { __opts: {}, info: (cb) => r.then((db) => db.info(cb), (e) => cb(e)) };
    }
    return r;
  };
}

process.on('uncaughtException', (e) => console.error('uncaught (server kept running):', e));

const ready = pouchApp.setPouchDB(PouchDB).then(() => {
  guardNew();
  if (!args.admin) return;
  const i = args.admin.indexOf(':');
  return new Promise((res, rej) => pouchApp.couchConfig.set('admins', args.admin.slice(0, i), args.admin.slice(i + 1),
    (e) => (e ? rej(e) : res())));
});
ready.then(() => {
  listening = app.listen(port, host, () => {
    const p = listening.address().port;
    console.log(`couch-test-server listening on http://${host}:${p}/` + (dropoff ? ` (drop-off: ${dropoff})` : ''));
    if (args.admin) replicatorDaemon();
  });
});

// The documents of `_replicator`, as CouchDB 3 runs them: each one is a
// replication between two URLs (this server's own included), with the
// credentials the document names (`auth.basic`, the URL's userinfo, or an
// `Authorization` header), so `_security` and validate_doc_update apply to
// it as to any client. Fields: source, target, filter, query_params, doc_ids,
// continuous. Checked every 200 ms (as the server admin): a new or changed
// document (re)starts its replication, a deleted one (or a deleted
// `_replicator`) stops it, a failed one (a 401, 403, a missing database) is
// started again after 1 s, 2 s, 4 s, … up to 30 s. Not emulated: user_ctx, selector, create_target,
// _scheduler/docs, the states CouchDB writes back into a document.
function replicatorDaemon() {
  const [adminName, ...rest] = args.admin.split(':');
  const adminAuth = { username: adminName, password: rest.join(':') };
  const base = `http://${host}:${listening.address().port}`;
  const running = new Map(); // _id → { sig, rep }
  const replicatorDb = new PouchHttp(`${base}/_replicator`, { auth: adminAuth, skip_setup: true });

  function endpointOf(e) {
    const spec = typeof e === 'string' ? { url: e } : e || {};
    const url = new URL(spec.url);
    let auth = null;
    if (spec.auth && spec.auth.basic) auth = { username: spec.auth.basic.username, password: spec.auth.basic.password };
    else if (url.username) auth = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    else if (spec.headers && /^Basic /.test(spec.headers.Authorization || '')) {
      const s = Buffer.from(spec.headers.Authorization.slice(6), 'base64').toString('utf8');
      auth = { username: s.slice(0, s.indexOf(':')), password: s.slice(s.indexOf(':') + 1) };
    }
    url.username = '';
    url.password = '';
    return new PouchHttp(url.href, { skip_setup: true, ...(auth ? { auth } : {}) });
  }

  function stop(id) {
    const r = running.get(id);
    if (!r) return;
    running.delete(id);
    r.rep.cancel();
    console.log(`replicator: ${id} stopped`);
  }

  function start(doc, sig) {
    const opts = { live: doc.continuous === true, retry: true };
    if (doc.filter) opts.filter = doc.filter;
    if (doc.query_params) opts.query_params = doc.query_params;
    if (Array.isArray(doc.doc_ids)) opts.doc_ids = doc.doc_ids;
    let rep;
    try {
      rep = PouchHttp.replicate(endpointOf(doc.source), endpointOf(doc.target), opts);
    } catch (e) {
      console.error(`replicator: ${doc._id} cannot start:`, e.message);
      return;
    }
    rep.on('denied', (e) => console.log(`replicator: ${doc._id} refused by the target: ${e && (e.reason || e.message)}`));
    const entry = { sig, rep, failures: 0, retryAt: 0 };
    const prev = running.get(doc._id);
    if (prev && prev.sig === sig) entry.failures = prev.failures;
    rep.on('error', (e) => {
      // CouchDB's scheduler starts a crashed replication again after a while; so does this.
      entry.failures += 1;
      entry.retryAt = Date.now() + Math.min(30_000, 500 * 2 ** entry.failures);
      console.log(`replicator: ${doc._id} failed (${e && (e.reason || e.message)}); again in ${entry.retryAt - Date.now()} ms`);
    });
    rep.catch(() => {});
    running.set(doc._id, entry);
    console.log(`replicator: ${doc._id} started (${doc.filter || 'no filter'})`);
  }

  let busy = false;
  async function tick() {
    if (busy) return;
    busy = true;
    try {
      let rows = [];
      try {
        rows = (await replicatorDb.allDocs({ include_docs: true })).rows;
      } catch (e) {
        if (e.status !== 404) throw e; // no _replicator (yet, or any more): nothing runs
      }
      const seen = new Set();
      for (const { doc } of rows) {
        if (!doc || doc._id.startsWith('_design/')) continue;
        seen.add(doc._id);
        const sig = JSON.stringify([doc.source, doc.target, doc.filter, doc.query_params, doc.doc_ids, doc.continuous]);
        const cur = running.get(doc._id);
        if (cur && cur.sig === sig && !(cur.retryAt && Date.now() >= cur.retryAt)) continue;
        if (cur && cur.sig !== sig) stop(doc._id);
        else if (cur) cur.rep.cancel();
        start(doc, sig);
      }
      for (const id of [...running.keys()]) if (!seen.has(id)) stop(id);
    } catch (e) {
      console.error('replicator: reading _replicator failed:', e.message);
    } finally {
      busy = false;
    }
  }
  setInterval(tick, 200).unref();
}
