// Registers the service worker and tells the app (wasm) when a new version
// is waiting. The app shows the translated banner; this file shows nothing.
(function () {
  if (!("serviceWorker" in navigator)) return;
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
