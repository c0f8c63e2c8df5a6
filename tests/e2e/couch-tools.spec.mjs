// The sync tests' tools do what they claim: the fault proxy's modes, the
// validate_doc_update and _security written by tools/couch-setup, and the
// drop-off rule of the CouchDB test server. Node side only (global fetch).
import { test, expect } from './fixtures.mjs';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import {
  serverRecord as record,
  DB,
  DROPOFF,
  USERS,
  basic,
  clearFaultLog,
  couch,
  couchAvailable,
  couchUrl,
  docs,
  dropoffLogin,
  fault,
  faultLog,
  passAll,
  proxyUrl,
  resetDatabases,
  setup,
} from './couch.mjs';

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT || 4173}`;
const { tablet1, coord } = USERS;

test.skip(!couchAvailable(), 'COUCH_URL / COUCH_PROXY_URL not set: scripts/test starts the CouchDB test server and the fault proxy');


const hex32 = () => randomBytes(16).toString('hex');

/** As the sync sends it: _rev "{revision}-{hex}" with _revisions. */
function replicated(doc, hexes = [hex32()]) {
  return { ...doc, _rev: `${doc.revision}-${hexes[0]}`, _revisions: { start: doc.revision, ids: hexes } };
}

/** fetch that reports {status, headers, json} or {error} (a network failure, as a browser reports it). */
async function attempt(url, init = {}) {
  try {
    const res = await fetch(url, init);
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json };
  } catch (e) {
    return { error: e.name, cause: e.cause && (e.cause.code || e.cause.message) };
  }
}

function auth(login, extra = {}) {
  return { Authorization: basic(login), Accept: 'application/json', ...extra };
}

function corsHeadersOf(headers) {
  return [...headers.keys()].filter((k) => k.startsWith('access-control-'));
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  if (!couchAvailable()) return;
  await passAll();
  await resetDatabases();
});

test.beforeEach(async () => {
  if (!couchAvailable()) return;
  await passAll();
  await clearFaultLog();
});

test.afterAll(async () => {
  if (couchAvailable()) await passAll();
});

test.describe('fault proxy', () => {
  test('passes requests and CORS through untouched, and logs them', async () => {
    const r = await attempt(`${proxyUrl()}/${DB}`, { headers: auth(tablet1, { Origin: ORIGIN }) });
    expect(r.status).toBe(200);
    expect(r.json.db_name).toBe(DB);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');

    const pre = await attempt(`${proxyUrl()}/${DB}/_bulk_docs`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('authorization');

    await fetch(`${proxyUrl()}/__fault/log`); // control: not logged
    expect(await faultLog()).toEqual([
      { method: 'GET', path: `/${DB}`, status: 200, fault: null },
      { method: 'OPTIONS', path: `/${DB}/_bulk_docs`, status: 204, fault: null },
    ]);
    await clearFaultLog();
    expect(await faultLog()).toEqual([]);
  });

  test('error: answers the status with CORS headers, without forwarding, count times', async () => {
    await fault({ mode: 'error', status: 503 });
    const doc = record();
    // A preflight is not the app's request: it passes and does not use up the fault.
    const pre = await attempt(`${proxyUrl()}/${DB}/${doc._id}`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT' },
    });
    expect(pre.status).toBe(204);

    const r = await attempt(`${proxyUrl()}/${DB}/${doc._id}`, {
      method: 'PUT',
      headers: auth(tablet1, { Origin: ORIGIN, 'Content-Type': 'application/json' }),
      body: JSON.stringify(doc),
    });
    expect(r.status).toBe(503);
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await docs()).map((d) => d.id)).not.toContain(doc._id); // never reached the server

    // count 1 (the default): the next request passes.
    const again = await attempt(`${proxyUrl()}/${DB}/${doc._id}`, {
      method: 'PUT',
      headers: auth(tablet1, { 'Content-Type': 'application/json' }),
      body: JSON.stringify(doc),
    });
    expect(again.status).toBe(201);
    expect((await faultLog()).map((e) => [e.method, e.status, e.fault])).toEqual([
      ['OPTIONS', 204, null],
      ['PUT', 503, 'error'],
      ['PUT', 201, null],
    ]);
  });

  test('match and count 0: only matching requests fail, until reset', async () => {
    await fault({ mode: 'error', status: 500, count: 0, match: '/_changes' });
    const headers = auth(tablet1);
    expect((await attempt(`${proxyUrl()}/${DB}/_all_docs`, { headers })).status).toBe(200);
    expect((await attempt(`${proxyUrl()}/${DB}/_changes?since=0`, { headers })).status).toBe(500);
    expect((await attempt(`${proxyUrl()}/${DB}/_changes?since=0`, { headers })).status).toBe(500);
    await passAll();
    expect((await attempt(`${proxyUrl()}/${DB}/_changes?since=0`, { headers })).status).toBe(200);
  });

  test('timeout: holds the request ms, then drops it without an answer', async () => {
    await fault({ mode: 'timeout', ms: 1500 });
    const doc = record();
    const t0 = Date.now();
    const r = await attempt(`${proxyUrl()}/${DB}/${doc._id}`, {
      method: 'PUT',
      headers: auth(tablet1, { 'Content-Type': 'application/json' }),
      body: JSON.stringify(doc),
    });
    const waited = Date.now() - t0;
    expect(r.error).toBe('TypeError');
    expect(waited).toBeGreaterThanOrEqual(1400);
    expect(waited).toBeLessThan(10_000);
    expect((await docs()).map((d) => d.id)).not.toContain(doc._id);
    expect(await faultLog()).toEqual([{ method: 'PUT', path: `/${DB}/${doc._id}`, status: null, fault: 'timeout' }]);
  });

  test('cut: the server applies the request, the client gets no answer', async () => {
    await fault({ mode: 'cut' });
    const doc = replicated(record());
    const r = await attempt(`${proxyUrl()}/${DB}/_bulk_docs`, {
      method: 'POST',
      headers: auth(tablet1, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ new_edits: false, docs: [doc] }),
    });
    expect(r.error).toBe('TypeError');
    const stored = (await docs()).find((d) => d.id === doc._id);
    expect(stored?.rev).toBe(doc._rev);
    expect(await faultLog()).toEqual([{ method: 'POST', path: `/${DB}/_bulk_docs`, status: null, fault: 'cut', upstream: 201 }]);
  });

  test('duplicate: the server gets the request twice, the client the second answer', async () => {
    await fault({ mode: 'duplicate' });
    const doc = record();
    const r = await attempt(`${proxyUrl()}/${DB}/${doc._id}`, {
      method: 'PUT',
      headers: auth(tablet1, { 'Content-Type': 'application/json' }),
      body: JSON.stringify(doc),
    });
    // The first PUT created it, the second one is a conflict.
    expect(r.status).toBe(409);
    expect(r.json.error).toBe('conflict');
    const stored = (await docs()).find((d) => d.id === doc._id);
    expect(stored?.rev).toMatch(/^1-/);
    expect(await faultLog()).toEqual([{ method: 'PUT', path: `/${DB}/${doc._id}`, status: 409, fault: 'duplicate', upstream: 201 }]);

    // Replicated writes are idempotent: twice is once.
    await fault({ mode: 'duplicate' });
    const rep = replicated(record());
    const b = await attempt(`${proxyUrl()}/${DB}/_bulk_docs`, {
      method: 'POST',
      headers: auth(tablet1, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ new_edits: false, docs: [rep] }),
    });
    expect(b.status).toBe(201);
    expect(b.json).toEqual([]);
    expect((await docs()).filter((d) => d.id === rep._id)).toEqual([
      { id: rep._id, rev: rep._rev, conflicts: [], deleted: false, doc: expect.objectContaining({ _rev: rep._rev }) },
    ]);
  });

  test('down: every connection is destroyed, as if nobody listened; control still works', async () => {
    const headers = auth(tablet1);
    // A long poll already open when the server "goes down" is dropped too.
    const poll = attempt(`${proxyUrl()}/${DB}/_changes?feed=longpoll&since=now&timeout=20000`, { headers });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    await fault({ mode: 'down', count: 0 });
    const held = await poll;
    expect(held.error).toBe('TypeError');
    expect(Date.now() - t0).toBeLessThan(5000);

    const r = await attempt(`${proxyUrl()}/${DB}`, { headers });
    // The same failure as a port where nothing listens.
    const nobody = await attempt(`http://127.0.0.1:${await freePort()}/${DB}`, { headers });
    expect(r.error).toBe('TypeError');
    expect(nobody.error).toBe('TypeError');
    expect(r.status).toBeUndefined();

    const log = await faultLog(); // control requests get through while down
    expect(log.map((e) => [e.method, e.fault])).toEqual([
      ['GET', null], // the long poll: forwarded, then dropped with its connection
      ['GET', 'down'],
    ]);
    expect([null, 200]).toContain(log[0].status); // 200 if its status line had gone out
    expect(log[1].status).toBeNull();
    await passAll();
    expect((await attempt(`${proxyUrl()}/${DB}`, { headers })).status).toBe(200);
  });

  test('nocors: forwards, but strips every Access-Control-* header, preflights included', async () => {
    await fault({ mode: 'nocors', count: 0 });
    const r = await attempt(`${proxyUrl()}/${DB}`, { headers: auth(tablet1, { Origin: ORIGIN }) });
    expect(r.status).toBe(200);
    expect(corsHeadersOf(r.headers)).toEqual([]);
    const pre = await attempt(`${proxyUrl()}/${DB}/_bulk_docs`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(corsHeadersOf(pre.headers)).toEqual([]);
    await passAll();
    const ok = await attempt(`${proxyUrl()}/${DB}`, { headers: auth(tablet1, { Origin: ORIGIN }) });
    expect(corsHeadersOf(ok.headers)).toContain('access-control-allow-origin');
  });

  test('refuses an unknown mode', async () => {
    const res = await fetch(`${proxyUrl()}/__fault`, { method: 'POST', body: JSON.stringify({ mode: 'flaky' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
  });
});

test.describe('main database: validate_doc_update and _security', () => {
  test('a malformed document is refused with 403 forbidden', async () => {
    const good = record();
    const cases = {
      'wrong _id': { ...good, _id: `contact:${randomUUID()}` },
      'missing revision': (({ revision, ...rest }) => rest)(good),
      'wrong kind': { ...good, kind: 'bogus', _id: `bogus:${good.id}` },
      'id not a UUID': { ...good, id: 'x', _id: 'contact:x' },
      'deleted not a boolean': { ...good, deleted: 'no' },
      'no schema_version': (({ schema_version, ...rest }) => rest)(good),
    };
    for (const [what, doc] of Object.entries(cases)) {
      const r = await couch('PUT', `${DB}/${encodeURIComponent(doc._id)}`, { body: doc, auth: tablet1 });
      expect(r.status, what).toBe(403);
      expect(r.json.error, what).toBe('forbidden');
    }
    const ids = (await docs()).map((d) => d.id);
    for (const doc of Object.values(cases)) expect(ids).not.toContain(doc._id);
  });

  test('_bulk_docs new_edits:false stores good documents and refuses bad ones', async () => {
    const good = replicated(record('trajectory'));
    const bad = replicated({ ...record(), kind: 'survey' });
    bad._id = `survey:${bad.id}`;
    const r = await couch('POST', `${DB}/_bulk_docs`, { body: { new_edits: false, docs: [good, bad] }, auth: tablet1 });
    expect(r.status).toBe(201);
    expect(r.json).toEqual([{ id: bad._id, error: 'forbidden', reason: expect.stringContaining('kind') }]);
    const all = await docs();
    expect(all.find((d) => d.id === good._id)).toMatchObject({ rev: good._rev, conflicts: [], deleted: false });
    expect(all.map((d) => d.id)).not.toContain(bad._id);
  });

  test('a deletion must carry deleted: true; a proper one is stored as deleted', async () => {
    const live = replicated(record());
    expect((await couch('POST', `${DB}/_bulk_docs`, { body: { new_edits: false, docs: [live] }, auth: coord })).json).toEqual([]);
    const parent = live._revisions.ids[0];
    const tomb = { _id: live._id, id: live.id, kind: 'contact', revision: 2, _deleted: true };
    const noFlag = await couch('POST', `${DB}/_bulk_docs`, {
      body: { new_edits: false, docs: [{ ...tomb, _rev: `2-${'0'.repeat(32)}`, _revisions: { start: 2, ids: ['0'.repeat(32), parent] } }] },
      auth: coord,
    });
    expect(noFlag.json).toEqual([{ id: live._id, error: 'forbidden', reason: expect.stringContaining('deleted: true') }]);
    const h = hex32();
    const ok = await couch('POST', `${DB}/_bulk_docs`, {
      body: { new_edits: false, docs: [{ ...tomb, deleted: true, _rev: `2-${h}`, _revisions: { start: 2, ids: [h, parent] } }] },
      auth: coord,
    });
    expect(ok.json).toEqual([]);
    expect((await docs()).find((d) => d.id === live._id)).toMatchObject({ rev: `2-${h}`, deleted: true, conflicts: [] });
  });

  test('two revisions of the same number are a conflict the helpers report', async () => {
    const base = replicated(record());
    const a = replicated({ ...base, revision: 2, note: 'a' }, [hex32(), base._revisions.ids[0]]);
    const b = replicated({ ...base, revision: 2, note: 'b' }, [hex32(), base._revisions.ids[0]]);
    const r = await couch('POST', `${DB}/_bulk_docs`, { body: { new_edits: false, docs: [base, a, b] }, auth: tablet1 });
    expect(r.json).toEqual([]);
    const d = (await docs()).find((x) => x.id === base._id);
    const [winner, loser] = [a._rev, b._rev].sort().reverse(); // equal depth: the higher rev wins
    expect(d).toMatchObject({ rev: winner, conflicts: [loser], deleted: false });
  });

  test('only members read or write it', async () => {
    // A user without a Wijkpeil role.
    const outsider = { name: 'outsider', password: 'geheim-outsider' };
    const u = await couch('PUT', `_users/org.couchdb.user:${outsider.name}`, {
      body: { name: outsider.name, password: outsider.password, roles: ['elders'], type: 'user' },
    });
    expect([201, 409]).toContain(u.status);

    expect((await couch('GET', `${DB}/_all_docs`, { auth: tablet1 })).status).toBe(200);
    expect((await couch('GET', `${DB}/_all_docs`, { auth: coord })).status).toBe(200);
    // A login that is no member: 403 forbidden; no login: 401 (CouchDB 3, couch_db.erl).
    for (const [who, status, error] of [[outsider, 403, 'forbidden'], [dropoffLogin(), 403, 'forbidden'], [null, 401, 'unauthorized']]) {
      for (const p of [`${DB}/_all_docs`, `${DB}/_changes?since=0`, DB]) {
        const r = await couch('GET', p, { auth: who });
        expect(r.status, `${p} as ${who?.name ?? who ?? 'anonymous'}`).toBe(status);
        expect(r.json.error).toBe(error);
      }
    }
    // A wrong password is still 401.
    expect((await couch('GET', DB, { auth: `${tablet1.name}:wrong` })).status).toBe(401);
    const doc = record();
    expect((await couch('PUT', `${DB}/${doc._id}`, { body: doc, auth: outsider })).status).toBe(403);
    // A non-member's _bulk_docs: CouchDB answers 403 for the whole request; the test server 201 with an error per document.
    const bulk = await couch('POST', `${DB}/_bulk_docs`, { body: { new_edits: false, docs: [replicated(doc)] }, auth: outsider });
    if (bulk.status === 201) expect(bulk.json).toEqual([expect.objectContaining({ id: doc._id, error: 'unauthorized' })]);
    else expect(bulk.status).toBe(403);
    expect((await docs()).map((d) => d.id)).not.toContain(doc._id);
  });
});

test.describe('drop-off', () => {
  const anon = { Accept: 'application/json', 'Content-Type': 'application/json', Origin: ORIGIN };

  test('anonymous: PUT of a survey response once (then 409), nothing else', async () => {
    const doc = record('survey_response');
    const url = `${couchUrl()}/${DROPOFF}/${doc._id}`;

    const pre = await attempt(url, { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const put = await attempt(url, { method: 'PUT', headers: anon, body: JSON.stringify(doc) });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({ ok: true, id: doc._id, rev: expect.stringMatching(/^1-/) });
    expect(put.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const get = await attempt(url, { headers: anon });
    expect(get.status).toBe(401);
    expect(get.json.error).toBe('unauthorized');
    expect(get.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const again = await attempt(url, { method: 'PUT', headers: anon, body: JSON.stringify(doc) });
    expect(again.status).toBe(409);
    expect(again.json.error).toBe('conflict');

    for (const [method, p] of [
      ['GET', `${DROPOFF}/_all_docs`],
      ['GET', `${DROPOFF}/_changes?since=0`],
      ['POST', `${DROPOFF}/_bulk_docs`],
      ['DELETE', `${DROPOFF}/${doc._id}?rev=${put.json.rev}`],
      ['PUT', `${DROPOFF}/${doc._id}/note.txt`],
      ['PUT', `${DROPOFF}/contact:${doc.id}`],
      ['GET', DROPOFF],
    ]) {
      const r = await attempt(`${couchUrl()}/${p}`, { method, headers: anon, body: method === 'GET' ? undefined : '{"docs":[]}' });
      expect(r.status, `${method} ${p}`).toBe(401);
    }

    // Coordinators read it; staff do not.
    const asCoord = await couch('GET', `${DROPOFF}/${doc._id}`, { auth: coord });
    expect(asCoord.status).toBe(200);
    expect(asCoord.json).toMatchObject({ id: doc.id, kind: 'survey_response', revision: 1 });
    expect((await couch('GET', `${DROPOFF}/${doc._id}`, { auth: tablet1 })).status).toBe(403);
    expect((await docs(DROPOFF)).map((d) => d.id)).toContain(doc._id);
  });

  test('anonymous: only well-formed new survey responses', async () => {
    const ok = record('survey_response');
    const cases = {
      'another kind': { ...ok, kind: 'contact' },
      'revision 2': { ...ok, revision: 2 },
      'deleted': { ...ok, deleted: true },
      'wrong id': { ...ok, id: randomUUID() },
    };
    for (const [what, doc] of Object.entries(cases)) {
      const r = await attempt(`${couchUrl()}/${DROPOFF}/${doc._id}`, { method: 'PUT', headers: anon, body: JSON.stringify(doc) });
      expect(r.status, what).toBe(403);
      expect(r.json.error, what).toBe('forbidden');
    }
    expect((await docs(DROPOFF)).map((d) => d.id)).not.toContain(ok._id);
  });

  test('survey copies for short links: coordinators write published ones, anyone reads them, nobody else writes', async () => {
    const copy = { _id: 'survey:eigen-0a1b2c3d', id: 'eigen-0a1b2c3d', version: 1, status: 'published', title: { nl: 'Eigen' } };
    const put = (doc, auth) => couch('PUT', `${DROPOFF}/${doc._id}`, { auth, body: doc });
    expect((await put(copy, tablet1)).status, 'staff').toBe(403);
    const anonymousPut = await attempt(`${couchUrl()}/${DROPOFF}/${copy._id}`, { method: 'PUT', headers: anon, body: JSON.stringify(copy) });
    expect(anonymousPut.status, 'anonymous').toBe(401);
    expect((await put({ ...copy, status: 'draft' }, coord)).status, 'a draft').toBe(403);
    expect((await put({ ...copy, id: 'eigen-other' }, coord)).status, 'another id').toBe(403);
    const written = await put(copy, coord);
    expect(written.status).toBe(201);
    const next = await put({ ...copy, version: 2, _rev: written.json.rev }, coord);
    expect(next.status).toBe(201);

    const read = await attempt(`${couchUrl()}/${DROPOFF}/${copy._id}`, { headers: anon });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: copy.id, version: 2, status: 'published' });
    // Not the survey responses beside it, and no names outside the survey code pattern.
    expect((await attempt(`${couchUrl()}/${DROPOFF}/survey:Eigen_X`, { headers: anon })).status).toBe(401);
    expect((await attempt(`${couchUrl()}/${DROPOFF}/survey_response:${randomUUID()}`, { headers: anon })).status).toBe(401);
  });

  test('through the fault proxy as the phone will use it', async () => {
    const doc = record('survey_response');
    await fault({ mode: 'cut', match: doc._id });
    const cut = await attempt(`${proxyUrl()}/${DROPOFF}/${doc._id}`, { method: 'PUT', headers: anon, body: JSON.stringify(doc) });
    expect(cut.error).toBe('TypeError');
    // The phone tries again: 409 means it arrived the first time.
    const retry = await attempt(`${proxyUrl()}/${DROPOFF}/${doc._id}`, { method: 'PUT', headers: anon, body: JSON.stringify(doc) });
    expect(retry.status).toBe(409);
    expect(retry.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });
});

test.describe('couch-setup', () => {
  test('runs again without changes, and fails clearly', async () => {
    const again = await setup(['--dropoff-user', dropoffLogin()]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`ok: ${DB}/_security unchanged`);
    expect(again.stdout).toContain(`ok: ${DROPOFF}/_design/wijkpeil unchanged`);

    const sec = await couch('GET', `${DROPOFF}/_security`);
    expect(sec.json.members).toEqual({ names: [dropoffLogin().split(':')[0]], roles: ['wijkpeil-coordinator'] });
    expect((await couch('GET', `${DB}/_security`)).json.members.roles).toEqual(['wijkpeil-staff', 'wijkpeil-coordinator']);

    const wrong = await setup(['--admin', 'admin:wrong']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('name or password is incorrect');
    const role = await setup(['--user', 'x:y:boss']);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('role must be');
  });
});
