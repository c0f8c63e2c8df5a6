// The accessibility statement in the app (scripts/build, before the pages'
// scripts move out and before the precache list): docs/TOEGANKELIJKHEID.md,
// without its note for the operator, as the page
// /enquete/toegankelijkheid.html. One text, in docs/ and in the app: the
// operator fills in their own name there and builds. It lives beside the
// survey app, so a resident who opens it from the survey stays with the
// survey's service worker (which keeps it for offline use) and never
// downloads the staff apps.
// Usage: node tools/statement.mjs DIST [STATEMENT.md]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { marked } from "marked";

const [dist, source = "docs/TOEGANKELIJKHEID.md"] = process.argv.slice(2);
if (!dist) {
  console.error("usage: node tools/statement.mjs DIST [STATEMENT.md]");
  process.exit(2);
}

// The note for the operator is the block quote right under the title.
const text = readFileSync(source, "utf8").replace(/^(# [^\n]*\n)\n(?:>[^\n]*\n)+/, "$1");
const title = /^# (.*)$/m.exec(text)?.[1] ?? "Toegankelijkheidsverklaring";
// No raw HTML from the text reaches the page: it is written as text.
const renderer = new marked.Renderer();
renderer.html = ({ text: raw }) => raw.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const body = marked.parse(text, { renderer, gfm: true })
  // Header cells of the tables name their columns.
  .replace(/<th>/g, '<th scope="col">');
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

const page = `<!DOCTYPE html>
<html lang="nl" dir="ltr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'self'; form-action 'self'" />
    <title>${escape(title)}</title>
    <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
    <style>
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 112.5%; line-height: 1.5; color: #1a1a1a; margin: 0; }
      main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
      table { border-collapse: collapse; display: block; overflow-x: auto; }
      th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: start; vertical-align: top; }
      a { color: #17476f; }
      code { overflow-wrap: anywhere; }
      :focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
    </style>
    <script src="/sw-register.js" defer></script>
  </head>
  <body>
    <main>
${body}
    </main>
  </body>
</html>
`;
writeFileSync(join(dist, "enquete", "toegankelijkheid.html"), page);
console.log(`statement: ${source} → enquete/toegankelijkheid.html`);
