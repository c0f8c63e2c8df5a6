// After the builds, when CouchDB lives on an origin of its own
// (docs/DEPLOY.md, way b): adds that origin to `connect-src` in the
// Content-Security-Policy <meta> of every built page, so the apps may reach
// it. scripts/build runs it with $WIJKPEIL_SYNC_ORIGIN; without the variable
// nothing changes and the pages keep `connect-src 'self'`.
// Usage: node tools/csp-origin.mjs DIST ORIGIN   (ORIGIN: https://couch.example.nl[:port])
import { readFileSync, writeFileSync } from "node:fs";
import { filesUnder } from "./files.mjs";

const [dist, origin] = process.argv.slice(2);
const fail = (message) => {
  console.error(`csp-origin: ${message}`);
  process.exit(2);
};
if (!dist || !origin) fail("usage: node tools/csp-origin.mjs DIST ORIGIN");
// An origin only (no path, no login): https, or plain http to this device.
const ORIGIN = /^(https:\/\/[a-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\]))(:[0-9]{1,5})?$/;
if (!ORIGIN.test(origin)) {
  fail(`WIJKPEIL_SYNC_ORIGIN must be an origin like https://couch.example.nl (lower case, no path), not ${JSON.stringify(origin)}`);
}

const found = filesUnder(dist, ".html");
if (found.length === 0) fail(`no pages in ${dist}`);
for (const page of found) {
  const html = readFileSync(page, "utf8");
  const policy = /(http-equiv="Content-Security-Policy"\s+content="[^"]*connect-src 'self')([;"])/;
  if (!policy.test(html)) fail(`${page}: no connect-src 'self' in its Content-Security-Policy`);
  writeFileSync(page, html.replace(policy, `$1 ${origin}$2`));
  console.log(`csp-origin ${page}: connect-src 'self' ${origin}`);
}
