// The files of a build directory, for the build tools: every file under
// `dir`, or only those whose name ends in `suffix`, leaving out Trunk's
// staging directories (names starting with a dot).
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export function filesUnder(dir, suffix = "") {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}

/** The Subresource Integrity value of `bytes`. */
export const integrity = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/**
 * Writes the new `integrity` of each changed file (`changed`: absolute path
 * → value) into every tag of every page under `dist` that names it and
 * carries one: stylesheets, module preloads, scripts, addressed from the
 * site's root (Trunk's --public-url) or relative to the page.
 */
export function rewriteIntegrity(dist, changed) {
  const TAG = /<(?:link|script)\b[^>]*>/g;
  for (const page of filesUnder(dist, ".html")) {
    const html = readFileSync(page, "utf8");
    const next = html.replace(TAG, (tag) => {
      const url = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
      if (!url || !/\bintegrity="/.test(tag)) return tag;
      const file = url.startsWith("/") ? join(dist, url) : join(dirname(page), url);
      const sri = changed.get(resolve(file));
      return sri ? tag.replace(/\bintegrity="[^"]*"/, `integrity="${sri}"`) : tag;
    });
    if (next !== html) writeFileSync(page, next);
  }
}
