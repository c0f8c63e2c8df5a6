// The files of a build directory, for the build tools: every file under
// `dir`, or only those whose name ends in `suffix`, leaving out Trunk's
// staging directories (names starting with a dot).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function filesUnder(dir, suffix = "") {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith(".")) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return name.endsWith(suffix) ? [path] : [];
  });
}
