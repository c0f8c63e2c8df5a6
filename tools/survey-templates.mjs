// The built-in surveys for the browser's apps (scripts/build, before the
// precache list): the four files of src/domain/survey/templates/, minified,
// as one JSON array in the order of `Template::ALL`, at
// /enquete/survey-templates.json. The apps read it at run time
// (`platform::BrowserEnv::templates`) instead of carrying seven languages
// of text in their wasm; both service workers keep it for offline use.
// Usage: node tools/survey-templates.mjs DIST
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node tools/survey-templates.mjs DIST");
  process.exit(2);
}
// Template::ALL: Kto, ClientSurvey, GroupActivity, WijkpleinVisit.
const files = ["kto", "client", "group", "visit"];
const all = files.map((name) => JSON.parse(readFileSync(join("src/domain/survey/templates", `${name}.json`), "utf8")));
writeFileSync(join(dist, "enquete", "survey-templates.json"), JSON.stringify(all));
console.log(`survey-templates: ${all.map((d) => d.id).join(", ")}`);
