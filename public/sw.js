// Wijkpeil service worker: serves the app shell from the cache, so the app
// opens with the network off after one visit. tools/precache.mjs fills in the
// file list and a content hash at build time (scripts/build); a new build is a new worker,
// which waits until the user accepts the update (no data is ever cached here:
// records live in IndexedDB).
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
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Three apps share this worker: the volunteer's at /, the resident
    // survey under /enquete/, the coordinator's under /beheer/.
    const app = ["/enquete/", "/beheer/"].find((prefix) => url.pathname.startsWith(prefix)) || "/";
    const shell = `${app}index.html`;
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
