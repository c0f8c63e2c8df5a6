#!/usr/bin/env node
// Minimal CouchDB-compatible test server: express-pouchdb over in-memory PouchDB.
// Usage: node server.js [--port 5984] [--host 127.0.0.1] [--admin user:pass]
//                       [--origins 'http://127.0.0.1:4173, http://localhost:4173' | '*']
//                       [--log /path/log.txt]
'use strict';
const os = require('os'), fs = require('fs'), path = require('path');
const express = require('express');
const corser = require('corser');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const port = Number(args.port || process.env.COUCH_PORT || 5984);
const host = args.host || '127.0.0.1';
const origins = args.origins || '*';
const logPath = args.log || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'couch-')), 'log.txt');

const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-adapter-memory'))
  .defaults({ adapter: 'memory' });

const pouchApp = require('express-pouchdb')({
  mode: 'fullCouchDB', inMemoryConfig: true, logPath,
});

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

// express-pouchdb ignores `timeout` on feed=longpoll; end the feed like CouchDB does.
app.use((req, res, next) => {
  const q = req.query;
  if (!/\/_changes$/.test(req.path) || q.feed !== 'longpoll' || q.timeout === undefined) return next();
  const since = Number(q.since || 0);
  let started = false, done = false;
  const write = res.write.bind(res), end = res.end.bind(res);
  res.write = (c, ...r) => { if (done) return true; started = true; return write(c, ...r); };
  res.end = (...r) => { if (done) return res; done = true; clearTimeout(t); return end(...r); };
  const t = setTimeout(() => {
    if (done) return;
    if (!started) write('{"results":[\n');
    write('],\n"last_seq":' + (Number.isFinite(since) ? since : 0) + '}\n');
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
ready.then(() => app.listen(port, host, () => console.log(`couch-test-server listening on http://${host}:${port}/`)));
