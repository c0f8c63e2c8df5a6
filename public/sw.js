// Wijkpeil service worker: serves the app shell from the cache, so the app
// opens with the network off after one visit. tools/precache.mjs fills in the
// file list and a content hash at build time (scripts/build); a new build is a new worker,
// which waits until the user accepts the update (no data is ever cached here:
// records live in IndexedDB). The survey's worker also delivers residents'
// answers to the organisation's drop-off database (below).
const VERSION = "__WIJKPEIL_VERSION__";
const PRECACHE = __WIJKPEIL_PRECACHE__;
const CACHE = `wijkpeil-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("wijkpeil-shell-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
  deliver(true); // answers left by an older version; never holds up activation
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  // From the survey app (public/sw-register.js): after a save, with the
  // link's drop-off address; when the network is back, without.
  if (event.data === "deliver" || (event.data && typeof event.data.deliver === "string")) {
    event.waitUntil(deliver(true, event.data.deliver));
  }
});

self.addEventListener("sync", (event) => {
  // A failed try is tried again by the browser, later, as long as it will.
  if (event.tag === SYNC_TAG) {
    event.waitUntil(deliver(false).then((left) => {
      if (left === LATER) throw new Error("the drop-off was not reached");
    }));
  }
});

// Residents' answers, in the survey's worker (/enquete/sw.js) only. The app
// keeps each answer in IndexedDB first; this worker then sends each answer
// waiting there (store `survey_responses`, index `by_pending`) to the
// drop-off database the survey link named (`&to=`, kept in the store
// `sync_state` under `dropoff`) as one `PUT <dropoff>/survey_response:<id>`:
// the record as in an export file without this device's bookkeeping, with
// no login and no cookie, reading nothing back. 201 (stored) and 409 (it was
// there already: a second delivery is harmless) mark it sent as the app
// marks an export (`shipped_revision`, `pending`); a failure of the network
// or the server is tried again: by Background Sync, else when the network
// comes back (the page says so), the survey opens or a new worker
// activates. A staff device (a sync server set: `sync_state` `settings`)
// sends its answers with its own sync instead.
const RESIDENT = new URL(self.registration.scope).pathname === "/enquete/";
const RESPONSES = "survey_responses";
const STATE = "sync_state";
const SYNC_TAG = "wijkpeil-deliver";
const DONE = "done"; // nothing waits, or nothing can be sent (no address)
const LATER = "later"; // the network or the server failed: try again
const STUCK = "stuck"; // refused (a wrong address?): waits for a new link

const settled = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = request.oncomplete = () => resolve(request.result);
    request.onerror = request.onabort = () => reject(request.error);
  });

// The app's database, never made here (the app makes and upgrades it);
// let go at once when the app upgrades it.
const openDatabase = () =>
  new Promise((resolve) => {
    const open = indexedDB.open("wijkpeil");
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      open.result.onversionchange = () => open.result.close();
      resolve(open.result);
    };
  });

async function send(db, to) {
  if (![RESPONSES, STATE].every((name) => db.objectStoreNames.contains(name))) return DONE;
  if (to) await settled(db.transaction(STATE, "readwrite").objectStore(STATE).put(to, "dropoff").transaction);
  const state = db.transaction(STATE).objectStore(STATE);
  const [dropoff, staff] = await Promise.all([settled(state.get("dropoff")), settled(state.get("settings"))]);
  if (typeof dropoff !== "string" || staff !== undefined) return DONE;
  const waiting = await settled(db.transaction(RESPONSES).objectStore(RESPONSES).index("by_pending").getAll(1));
  let left = DONE;
  for (const record of waiting) {
    const { shipped_revision, pending, server_rev, ...doc } = record;
    doc._id = `survey_response:${record.id}`;
    let status = 0;
    try {
      const reply = await fetch(`${dropoff}/${doc._id}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(doc),
        credentials: "omit",
        cache: "no-store",
        referrerPolicy: "no-referrer",
        signal: AbortSignal.timeout && AbortSignal.timeout(30000),
      });
      status = reply.status;
    } catch (error) {
      return LATER; // no network (or no answer): the others wait too
    }
    if (status === 201 || status === 202 || status === 409) {
      const store = db.transaction(RESPONSES, "readwrite").objectStore(RESPONSES);
      const stored = await settled(store.get(record.id));
      if (stored) {
        stored.shipped_revision = Math.max(stored.shipped_revision || 0, record.revision);
        stored.pending = stored.revision > stored.shipped_revision ? 1 : 0;
        await settled(store.put(stored).transaction);
      }
    } else if (status >= 500 || status === 408 || status === 429) {
      left = LATER;
    } else if (left === DONE) {
      left = STUCK;
    }
  }
  return left;
}

// One try at a time; after each, the open survey pages hear how many
// answers still wait on this device (`{delivered: n}`).
let queue = Promise.resolve();
function deliver(retry, to) {
  if (!RESIDENT) return Promise.resolve(DONE);
  const run = async () => {
    const db = await openDatabase();
    let left = DONE;
    let waiting = 0;
    if (db) {
      try {
        left = await send(db, to);
      } catch (error) {
        left = LATER;
      }
      try {
        waiting = await settled(db.transaction(RESPONSES).objectStore(RESPONSES).index("by_pending").count(1));
      } catch (error) {
        // no such store yet: nothing waits
      }
      db.close();
    }
    const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const page of pages) page.postMessage({ delivered: waiting });
    if (left === LATER && retry && self.registration.sync) {
      await self.registration.sync.register(SYNC_TAG).catch(() => {});
    }
    return left;
  };
  queue = queue.then(run, run); // a try that failed does not stop the next
  return queue;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Three apps share this worker: the volunteer's at /, the resident
    // survey under /enquete/, the coordinator's under /beheer/.
    const app = ["/enquete/", "/beheer/", "/ontgrendelen/"].find((prefix) => url.pathname.startsWith(prefix)) || "/";
    const shell = `${app}index.html`;
    // The survey opens: a good moment to try again (a browser without
    // Background Sync has no other).
    if (app === "/enquete/") event.waitUntil(deliver(true));
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match(shell))
        .then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request))
      .then((cached) => cached || fetch(request)),
  );
});
