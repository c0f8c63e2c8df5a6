// Playwright e2e config: Debian's Chromium (/usr/bin/chromium), never a
// downloaded browser. Serves Trunk's dist/ with tools/serve-static.mjs.
//
// Env overrides: E2E_PORT (default 4173), E2E_DIST (default dist),
// E2E_JSON (JSON report path, default playwright-report/results.json).
// A spec that needs a second build can start its own server:
//   node tools/serve-static.mjs <dir> <port>
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.E2E_PORT || 4173);
const dist = path.resolve(root, process.env.E2E_DIST || 'dist');
const server = path.join(root, 'tools/serve-static.mjs');
const baseURL = `http://127.0.0.1:${port}`;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  workers: 1, // 2-core machine
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: path.join(root, 'test-results'),
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.E2E_JSON || path.join(root, 'playwright-report/results.json') }],
  ],
  webServer: {
    command: `node ${JSON.stringify(server)} ${JSON.stringify(dist)} ${port}`,
    cwd: root,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 20_000,
    // CouchDB on the app's own origin under /couchdb/ (docs/DEPLOY.md (a)),
    // through the fault proxy, when scripts/test started them.
    env: { SERVE_COUCHDB: process.env.COUCH_PROXY_URL || '' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs,
    },
    serviceWorkers: 'allow',
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
