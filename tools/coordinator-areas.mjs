// After the coordinator app's area builds (scripts/build): each area is its
// own Trunk build of beheer.html (cargo features `coordinator,area-<name>`)
// in DIST/beheer/<name>/. This writes DIST/beheer/index.html: the page of
// the first build, whose script now loads the build of the area that the
// address's first segment names (`#/trajecten/<id>` → trajectories), so
// every address of the coordinator app keeps working and each area's first
// load carries only its own screens (docs/ARCHITECTURE.md, "Coordinator
// areas"). The builds' own pages go; their stylesheets (the same in every
// build) move up to DIST/beheer/.
// Usage: node tools/coordinator-areas.mjs DIST area...
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// The first segment of each address (`src/app/route.rs`) → its build.
// An empty or unknown address opens the surveys (`Route::start`).
export const SEGMENTS = {
  enquetes: "surveys",
  trajecten: "trajectories",
  activiteiten: "activities",
  initiatieven: "activities",
  instellingen: "settings",
  lijsten: "settings",
  jaarbeeld: "report",
};
export const START = "surveys";

const [dist = "dist", ...areas] = process.argv.slice(2);
if (areas.length === 0) throw new Error("usage: node tools/coordinator-areas.mjs DIST area...");
for (const area of new Set([START, ...Object.values(SEGMENTS)])) {
  if (!areas.includes(area)) throw new Error(`no build of area ${area} given`);
}
const beheer = join(dist, "beheer");

const bundles = {};
let page = null;
for (const area of areas) {
  const dir = join(beheer, area);
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const js = html.match(/import init, \* as bindings from '([^']+)'/);
  const wasm = html.match(/module_or_path: '([^']+)'/);
  if (!js || !wasm) throw new Error(`${dir}/index.html: Trunk's loader script not found`);
  bundles[area] = { js: js[1], wasm: wasm[1] };
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".css"))) {
    const to = join(beheer, name);
    if (existsSync(to)) rmSync(join(dir, name));
    else renameSync(join(dir, name), to);
  }
  rmSync(join(dir, "index.html"));
  page ??= html.replaceAll(`/beheer/${area}/`, "/beheer/");
}

const loader = `<script type="module">
// Wijkpeil's coordinator app: one build per area; this address's area.
const segments = ${JSON.stringify(SEGMENTS)};
const bundles = ${JSON.stringify(bundles)};
const start = ${JSON.stringify(START)};
const segment = location.hash.replace(/^#\\/?/, "").split("/")[0];
const bundle = bundles[segments[segment] || start];
const wasmResponse = fetch(bundle.wasm);
const bindings = await import(bundle.js);
const wasm = await bindings.default({ module_or_path: wasmResponse });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
</script>`;

const script = /<script type="module">[\s\S]*?<\/script>/;
if (!script.test(page)) throw new Error("beheer: Trunk's module script not found");
page = page
  .replace(script, loader)
  // The preloads named the first build's files; the loader fetches its own.
  .replace(/<link rel="modulepreload"[^>]*>/g, "")
  .replace(/<link rel="preload"[^>]*>/g, "");
writeFileSync(join(beheer, "index.html"), page);
console.log(`coordinator areas: ${areas.map((a) => `${a} (${bundles[a].wasm})`).join(", ")}`);
