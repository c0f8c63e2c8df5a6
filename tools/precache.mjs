// After both Trunk builds: lists every built file (with Trunk's hashed names)
// in dist/sw.js and stamps it with a hash of their contents, so a new build is
// a new service worker, which then offers the update.
// Usage: node tools/precache.mjs [DIST]
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { filesUnder } from "./files.mjs";

const dist = process.argv[2] || "dist";


const template = readFileSync(join(dist, "sw.js"), "utf8");
if (!template.includes("__WIJKPEIL_VERSION__")) throw new Error(`${dist}/sw.js was stamped already: rebuild first`);
const all = filesUnder(dist)
  .map((path) => relative(dist, path).split(sep).join("/"))
  .filter((path) => !path.endsWith("sw.js"))
  .sort();

// Staff devices (/ and /beheer/) cache every app: a tablet may become a
// kiosk while offline. A resident's phone registers /enquete/sw.js, which
// caches only the survey app and the shared icons, so it never downloads
// staff screens.
const shared = (path) => !path.includes("/") || path.startsWith("icons/");
const workers = [
  { path: "sw.js", files: all },
  {
    path: "enquete/sw.js",
    files: all.filter((p) => p.startsWith("enquete/") || (shared(p) && !p.endsWith(".html") && !/\.(wasm|js|css)$/.test(p)) || p === "sw-register.js" || p === "codec.js"),
  },
];
for (const worker of workers) {
  const hash = createHash("sha256");
  for (const file of worker.files) {
    hash.update(file);
    hash.update(readFileSync(join(dist, file)));
  }
  const version = hash.digest("hex").slice(0, 16);
  const urls = worker.files.map((file) => `/${file}`);
  writeFileSync(
    join(dist, worker.path),
    template.replace("__WIJKPEIL_VERSION__", version).replace("__WIJKPEIL_PRECACHE__", JSON.stringify(urls)),
  );
  console.log(`precache ${worker.path}: ${urls.length} files, version ${version}`);
}
