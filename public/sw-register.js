// Registers the service worker and tells the app (wasm) when a new version
// is waiting. The app shows the translated banner; this file shows nothing.
// wijkpeilDeliver: residents' answers (public/sw.js). Every page loads it, so
// it also keeps the page's title to the screen on view (below).
(function () {
  const sw = navigator.serviceWorker;
  const tell = (message) => sw.ready.then((registration) => registration.active.postMessage(message));
  window.wijkpeilDeliver = (to) =>
    sw
      ? new Promise((resolve) => {
          const heard = ({ data }) => {
            if (data && data.delivered >= 0) {
              sw.removeEventListener("message", heard);
              resolve(data.delivered);
            }
          };
          sw.addEventListener("message", heard);
          if (to) tell({ deliver: to });
        })
      : Promise.reject();
  if (!sw) return;
  const READY = "wijkpeil:update-ready";
  const announce = () => {
    window.wijkpeilUpdateReady = true; // for an app that mounts later
    window.dispatchEvent(new Event(READY));
  };
  let updateRequested = false;
  window.addEventListener("load", () => {
    // A resident's phone gets the survey's own worker (scope /enquete/),
    // which caches only the survey app.
    const resident = window.location.pathname.startsWith("/enquete/");
    const worker = resident ? "/enquete/sw.js" : "/sw.js";
    if (resident) window.addEventListener("online", () => tell("deliver"));
    navigator.serviceWorker.register(worker, { scope: resident ? "/enquete/" : "/" }).then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) announce();
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) announce();
        });
      });
      window.addEventListener("wijkpeil:apply-update", () => {
        updateRequested = true;
        if (registration.waiting) registration.waiting.postMessage("skip-waiting");
      });
      // Tablets stay open all day: look for a new version when shown again.
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") registration.update().catch(() => {});
      });
    });
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (updateRequested) window.location.reload();
    });
  });
})();

// Every screen its own title, in the browser's tab and for a screen reader
// (WCAG 2.4.2): the screen's main heading, then the page's own title
// ("Nieuw contact – Wijkpeil"). Screens are drawn by the app, so the title
// follows the heading whenever the page changes.
(function () {
  const base = document.title;
  let last = base;
  const follow = () => {
    const heading = document.querySelector("main h1") || document.querySelector("h1");
    const text = heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
    const title = text && text !== base ? text + " – " + base : base;
    if (title !== last) document.title = last = title;
  };
  new MutationObserver(follow).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
})();
