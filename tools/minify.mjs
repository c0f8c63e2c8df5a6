// After the builds (scripts/build), before the pages' inline scripts move out
// and before the precache list: minifies what a first load downloads, with
// esbuild, and writes each file's new `integrity` into the pages that name
// it. The comments in `style/` and `public/` are for the people who edit
// them; a tablet need not download them.
//
// - every stylesheet;
// - each app's wasm-bindgen glue (`wijkpeil-…js`, `enquete-…js`,
//   `ontgrendelen-…js`), its snippets and `at-rest.js`: ES modules, whose
//   exported names stay;
// - the classic scripts every page names (`codec.js`, `sw-register.js`):
//   each wrapped in its own function, so their names cannot meet on a page
//   (they speak to the app through `window.…` only).
//
// Not the service worker (its version is stamped into its text later, and a
// test reads it there) nor the data worker (a classic script whose global
// name the worker's loader calls). Trunk's own `--minify` would also rewrite
// the pages, which the later steps read, and its JavaScript minifier fails
// on wasm-bindgen's glue.
// Usage: node tools/minify.mjs DIST
import { readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { transformSync } from "esbuild";
import { filesUnder, integrity, rewriteIntegrity } from "./files.mjs";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node tools/minify.mjs DIST");
  process.exit(2);
}


const GLUE = /^(wijkpeil|enquete|ontgrendelen)-[0-9a-f]+\.js$/;
const CLASSIC = new Set(["codec.js", "sw-register.js"]);
/** How to minify `path`, or nothing to leave it as it is. */
const kind = (path) => {
  const name = basename(path);
  if (name.endsWith(".css")) return { loader: "css" };
  if (GLUE.test(name) || name === "at-rest.js" || /[\\/]snippets[\\/]/.test(path)) return { loader: "js", format: "esm" };
  if (CLASSIC.has(name)) return { loader: "js", format: "iife" };
  return null;
};

const files = filesUnder(dist);
const changed = new Map(); // absolute path → new integrity
let before = 0;
let after = 0;
for (const path of files) {
  const how = kind(path);
  if (!how) continue;
  const code = readFileSync(path, "utf8");
  const out = transformSync(code, { ...how, minify: true, legalComments: "none", charset: "utf8" }).code;
  writeFileSync(path, out);
  before += Buffer.byteLength(code);
  after += Buffer.byteLength(out);
  changed.set(resolve(path), integrity(out));
}

rewriteIntegrity(dist, changed);
console.log(`minify: ${changed.size} files, ${before} → ${after} bytes`);
