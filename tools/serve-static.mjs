#!/usr/bin/env node
// Tiny static file server for Trunk's dist/ (no dependencies).
//
// Usage: node tools/serve-static.mjs [ROOT_DIR] [PORT]
//   ROOT_DIR: directory to serve (default: $SERVE_ROOT or ./dist)
//   PORT:     port on 127.0.0.1  (default: $PORT or 4173)
//
// - Binds 127.0.0.1 only.
// - Correct MIME types (application/wasm for .wasm, etc.).
// - SPA fallback: a path whose last segment has no file extension and that
//   is not a file serves ROOT/index.html. Missing files with an extension 404.
// - Cache-Control: no-cache on every response so service-worker updates are
//   seen; plus Service-Worker-Allowed: / for convenience.
// - With SERVE_COUCHDB set, /couchdb/ goes to CouchDB (see below).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] || process.env.SERVE_ROOT || 'dist');
const port = Number(process.argv[3] || process.env.PORT || 4173);
const host = '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
};

if (!fs.existsSync(path.join(root, 'index.html'))) {
  console.error(`serve-static: ${root}/index.html not found (build first: scripts/build)`);
  process.exit(1);
}

function send(res, status, headers, body) {
  res.writeHead(status, { 'Cache-Control': 'no-cache', ...headers });
  res.end(body);
}

function serveFile(req, res, file, status = 200) {
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');
      return;
    }
    const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': st.size,
      'Cache-Control': 'no-cache',
      'Service-Worker-Allowed': '/',
      'Last-Modified': st.mtime.toUTCString(),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
}

// SERVE_COUCHDB=<CouchDB URL>: /couchdb/... is passed on to that server, as
// the reverse proxy of docs/DEPLOY.md (a) does, so the apps and CouchDB share
// one origin (no CORS; the pages' connect-src 'self' suffices).
const couch = process.env.SERVE_COUCHDB ? new URL(process.env.SERVE_COUCHDB) : null;

function proxyCouch(req, res) {
  const upstream = http.request(
    {
      host: couch.hostname,
      port: couch.port,
      method: req.method,
      path: couch.pathname.replace(/\/$/, '') + req.url.slice('/couchdb'.length),
      headers: { ...req.headers, host: couch.host },
    },
    (reply) => {
      res.writeHead(reply.statusCode, reply.headers);
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) send(res, 502, { 'Content-Type': 'application/json' }, '{"error":"bad_gateway"}\n');
    else res.destroy();
  });
  req.pipe(upstream);
}

const server = http.createServer((req, res) => {
  if (couch && (req.url === '/couchdb' || req.url.startsWith('/couchdb/'))) {
    proxyCouch(req, res);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed\n');
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, `http://${host}`).pathname);
  } catch {
    send(res, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n');
    return;
  }
  // Resolve inside root only (no path traversal).
  const file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (file !== root && !file.startsWith(root + path.sep)) {
    send(res, 403, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Forbidden\n');
    return;
  }
  fs.stat(file, (err, st) => {
    if (!err && st.isDirectory()) {
      serveFile(req, res, path.join(file, 'index.html'));
    } else if (!err && st.isFile()) {
      serveFile(req, res, file);
    } else if (path.extname(pathname) === '') {
      serveFile(req, res, path.join(root, 'index.html')); // SPA fallback
    } else {
      send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');
    }
  });
});

server.on('error', (e) => {
  console.error(`serve-static: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`serve-static: serving ${root} at http://${host}:${port}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => server.close(() => process.exit(0)));
}
