// After both Trunk builds: lists every built file (with Trunk's hashed names)
// in dist/sw.js and stamps it with a hash of their contents, so a new build is
// a new service worker, which then offers the update.
// Usage: node tools/precache.mjs [DIST]
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dist = process.argv[2] || "dist";

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".")) return []; // Trunk's staging dirs
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(dist)
  .map((path) => relative(dist, path).split(sep).join("/"))
  .filter((path) => path !== "sw.js")
  .sort();
const hash = createHash("sha256");
for (const file of files) {
  hash.update(file);
  hash.update(readFileSync(join(dist, file)));
}
const version = hash.digest("hex").slice(0, 16);
const urls = files.map((file) => `/${file}`);
const swPath = join(dist, "sw.js");
const source = readFileSync(swPath, "utf8");
if (!source.includes("__WIJKPEIL_VERSION__")) throw new Error(`${swPath} was stamped already: rebuild first`);
writeFileSync(
  swPath,
  source.replace("__WIJKPEIL_VERSION__", version).replace("__WIJKPEIL_PRECACHE__", JSON.stringify(urls)),
);
console.log(`precache: ${urls.length} files, version ${version}`);
