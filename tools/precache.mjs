// Trunk post_build hook: lists the staged files (with Trunk's hashed names)
// in sw.js and stamps it with a hash of their contents. Runs in Node, which
// the set-up installs anyway for the tests.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run through trunk");

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(staging)
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((path) => path !== "sw.js")
  .sort();
const hash = createHash("sha256");
for (const file of files) {
  hash.update(file);
  hash.update(readFileSync(join(staging, file)));
}
const version = hash.digest("hex").slice(0, 16);
const urls = files.map((file) => `/${file}`);
const swPath = join(staging, "sw.js");
const source = readFileSync(swPath, "utf8")
  .replace("__WIJKPEIL_VERSION__", version)
  .replace("__WIJKPEIL_PRECACHE__", JSON.stringify(urls));
writeFileSync(swPath, source);
console.log(`precache: ${urls.length} files, version ${version}`);
