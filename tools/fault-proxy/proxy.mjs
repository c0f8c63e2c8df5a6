#!/usr/bin/env node
// Fault proxy for the sync tests: forwards every request to a CouchDB(-like)
// server on a loopback address and, on request, makes it fail the way real
// networks and servers fail. Plain Node (>= 18), no dependencies.
//
//   node tools/fault-proxy/proxy.mjs --port 5985 --target http://127.0.0.1:5984 [--host 127.0.0.1]
//
// Control (never logged, never faulted):
//   POST   /__fault      {"mode": "error"|"timeout"|"cut"|"duplicate"|"down"|"nocors"|"pass",
//                         "count": 1 (0 = until reset), "match": "substring of the URL",
//                         "status": 500 (error), "ms": 30000 (timeout),
//                         "skip": 0 (let this many matching requests pass first)}
//   GET    /__fault      the fault now set (extra: not in the contract)
//   GET    /__fault/log  [{method, path, status, fault}, ...]
//   DELETE /__fault/log  clears the log
// See README.md next to this file.
import http from 'node:http';

const MODES = new Set(['pass', 'error', 'timeout', 'cut', 'duplicate', 'down', 'nocors']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else out[a.slice(2)] = argv[++i];
  }
  return out;
}

function die(msg) {
  console.error(`fault-proxy: ${msg}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  die(e.message);
}
const port = Number(args.port ?? 5985);
const host = args.host ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) die(`bad --port ${args.port}`);
if (!LOOPBACK.has(host)) die(`--host must be a loopback address, not ${host}`);
if (!args.target) die('--target http://127.0.0.1:PORT is required');
let target;
try {
  target = new URL(args.target);
} catch {
  die(`bad --target ${args.target}`);
}
if (target.protocol !== 'http:') die('--target must be http://');
if (!LOOPBACK.has(target.hostname)) die(`--target must be a loopback address, not ${target.hostname}`);
const targetPort = Number(target.port || 80);
const targetHost = target.hostname.replace(/^\[|\]$/g, '');

// --- state -----------------------------------------------------------------
/** The fault now set, or null (pass). */
let fault = null;
/** [{method, path, status, fault}] in arrival order. */
let log = [];
/** Open client sockets, so `down` can destroy them all. */
const sockets = new Set();
/** Timers of requests held by `timeout`. */
const held = new Set();

function setFault(spec) {
  if (!spec || typeof spec !== 'object') throw new Error('body must be a JSON object');
  const mode = spec.mode;
  if (!MODES.has(mode)) throw new Error(`unknown mode ${JSON.stringify(mode)}`);
  if (mode === 'pass') {
    fault = null;
    return null;
  }
  const count = spec.count === undefined ? 1 : spec.count;
  if (!Number.isInteger(count) || count < 0) throw new Error('count must be an integer >= 0');
  if (spec.match !== undefined && typeof spec.match !== 'string') throw new Error('match must be a string');
  const status = spec.status === undefined ? 500 : spec.status;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error('status must be 100..599');
  const ms = spec.ms === undefined ? 30000 : spec.ms;
  if (!Number.isFinite(ms) || ms < 0) throw new Error('ms must be a number >= 0');
  const skip = spec.skip === undefined ? 0 : spec.skip;
  if (!Number.isInteger(skip) || skip < 0) throw new Error('skip must be an integer >= 0');
  fault = { mode, count, remaining: count, skip, match: spec.match ?? null, status, ms, body: spec.body };
  return fault;
}

/** Is this request hit by the fault set? Consumes one of `count`. */
function takeFault(req) {
  if (!fault) return null;
  const f = fault;
  if (f.match !== null && !req.url.includes(f.match)) return null;
  // A CORS preflight is the browser's question, not the app's request: only
  // `down` and `nocors` touch it, so `error` etc. reach the request itself.
  if (req.method === 'OPTIONS' && f.mode !== 'down' && f.mode !== 'nocors') return null;
  // The first `skip` matching requests pass as they are: "the second page".
  if (f.skip > 0) {
    f.skip -= 1;
    return null;
  }
  if (f.count !== 0) {
    f.remaining -= 1;
    if (f.remaining <= 0) fault = null;
  }
  return f;
}

// --- helpers ---------------------------------------------------------------
function corsHeaders(req) {
  const h = {};
  const origin = req.headers.origin;
  if (origin) {
    h['Access-Control-Allow-Origin'] = origin;
    h['Access-Control-Allow-Credentials'] = 'true';
    h['Access-Control-Expose-Headers'] = 'Content-Type, ETag, Cache-Control';
    h.Vary = 'Origin';
  }
  return h;
}

function sendJSON(req, res, status, value) {
  const body = Buffer.from(JSON.stringify(value) + '\n');
  res.writeHead(status, {
    ...corsHeaders(req),
    'Content-Type': 'application/json',
    'Content-Length': body.length,
    'Cache-Control': 'must-revalidate',
  });
  res.end(body);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Raw header pairs of `raw` without those `drop(name)` says. */
function filterRaw(raw, drop) {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) if (!drop(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  return out;
}

/** Hop-by-hop headers belong to one connection, not to the request: never passed on. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection']);

function upstreamOptions(req, rawHeaders) {
  return {
    host: targetHost,
    port: targetPort,
    method: req.method,
    path: req.url,
    headers: rawHeaders ?? filterRaw(req.rawHeaders, (n) => HOP.has(n)),
    agent: false, // one upstream connection per request: nothing pooled across faults
  };
}

/** Sends a buffered request upstream; resolves {status, statusMessage, rawHeaders, body}. */
function forwardBuffered(req, body) {
  return new Promise((resolve, reject) => {
    const raw = filterRaw(req.rawHeaders, (n) => HOP.has(n) || n === 'content-length' || n === 'transfer-encoding');
    raw.push('Content-Length', String(body.length));
    const up = http.request(upstreamOptions(req, raw), (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () =>
        resolve({ status: r.statusCode, statusMessage: r.statusMessage, rawHeaders: r.rawHeaders, body: Buffer.concat(chunks) }),
      );
      r.on('error', reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}

/** Streams req upstream and the answer back; `stripCors` drops Access-Control-*. */
function forwardStreaming(req, res, entry, stripCors) {
  const up = http.request(upstreamOptions(req), (r) => {
    const raw = filterRaw(r.rawHeaders, (n) => HOP.has(n) || (stripCors && n.startsWith('access-control-')));
    res.writeHead(r.statusCode, r.statusMessage, raw);
    entry.status = r.statusCode;
    r.pipe(res);
    r.on('error', () => res.destroy());
  });
  up.on('error', (e) => {
    if (res.headersSent) return res.destroy();
    entry.status = 502;
    sendJSON(req, res, 502, { error: 'bad_gateway', reason: `fault-proxy: target unreachable (${e.code || e.message})` });
  });
  // The client went away (a cancelled long poll): drop the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) up.destroy();
  });
  req.pipe(up);
}

// --- control ---------------------------------------------------------------
async function control(req, res) {
  const path = req.url.split('?')[0];
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...corsHeaders(req),
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || 'Content-Type',
    });
    return res.end();
  }
  if (path === '/__fault' && req.method === 'POST') {
    let spec;
    try {
      spec = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      setFault(spec);
    } catch (e) {
      return sendJSON(req, res, 400, { error: 'bad_request', reason: e.message });
    }
    if (fault && fault.mode === 'down') {
      // Every connection at once, the ones already open included (a held long poll).
      for (const s of sockets) if (s !== req.socket) s.destroy();
    }
    return sendJSON(req, res, 200, { ok: true, fault: publicFault() });
  }
  if (path === '/__fault' && req.method === 'GET') return sendJSON(req, res, 200, { fault: publicFault() });
  if (path === '/__fault/log' && req.method === 'GET') return sendJSON(req, res, 200, log);
  if (path === '/__fault/log' && req.method === 'DELETE') {
    log = [];
    return sendJSON(req, res, 200, { ok: true });
  }
  return sendJSON(req, res, 404, { error: 'not_found', reason: 'fault-proxy: unknown control endpoint' });
}

function publicFault() {
  if (!fault) return { mode: 'pass' };
  const { mode, count, remaining, skip, match, status, ms } = fault;
  return { mode, count, remaining: count === 0 ? null : remaining, skip, match, status, ms };
}

// --- the proxy ---------------------------------------------------------------
async function handle(req, res) {
  const path = req.url.split('?')[0];
  if (path === '/__fault' || path.startsWith('/__fault/')) return control(req, res);

  const f = takeFault(req);
  const entry = { method: req.method, path: req.url, status: null, fault: f ? f.mode : null };
  log.push(entry);

  if (!f) return forwardStreaming(req, res, entry, false);

  switch (f.mode) {
    case 'error': {
      entry.status = f.status;
      req.resume();
      const body = f.body !== undefined ? f.body : { error: 'fault_proxy', reason: `injected error ${f.status}` };
      return sendJSON(req, res, f.status, body);
    }
    case 'timeout': {
      req.resume();
      const t = setTimeout(() => {
        held.delete(t);
        req.socket.destroy();
      }, f.ms);
      held.add(t);
      req.socket.on('close', () => {
        clearTimeout(t);
        held.delete(t);
      });
      return undefined;
    }
    case 'cut': {
      // The server applies the request in full; the client never hears back.
      const body = await readBody(req);
      try {
        const r = await forwardBuffered(req, body);
        entry.upstream = r.status;
      } catch {
        entry.upstream = null;
      }
      req.socket.destroy();
      return undefined;
    }
    case 'duplicate': {
      const body = await readBody(req);
      try {
        const first = await forwardBuffered(req, body);
        const second = await forwardBuffered(req, body);
        entry.upstream = first.status;
        entry.status = second.status;
        const raw = filterRaw(second.rawHeaders, (n) => HOP.has(n) || n === 'content-length' || n === 'transfer-encoding');
        raw.push('Content-Length', String(second.body.length));
        res.writeHead(second.status, second.statusMessage, raw);
        return res.end(second.body);
      } catch (e) {
        entry.status = 502;
        return sendJSON(req, res, 502, { error: 'bad_gateway', reason: `fault-proxy: target unreachable (${e.code || e.message})` });
      }
    }
    case 'down':
      // As if nobody listened: no status line, no headers, the connection just goes.
      req.socket.destroy();
      return undefined;
    case 'nocors':
      return forwardStreaming(req, res, entry, true);
    default:
      return forwardStreaming(req, res, entry, false);
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error('fault-proxy: request failed:', e);
    if (!res.headersSent) sendJSON(req, res, 500, { error: 'fault_proxy_bug', reason: String(e && e.message) });
    else res.destroy();
  });
});
server.keepAliveTimeout = 5000;
server.on('connection', (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});
server.on('clientError', (err, socket) => socket.destroy());

function shutdown() {
  for (const t of held) clearTimeout(t);
  for (const s of sockets) s.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.listen(port, host, () => {
  const a = server.address();
  console.log(`fault-proxy listening on http://${host}:${a.port}/ -> ${target.origin}`);
});
