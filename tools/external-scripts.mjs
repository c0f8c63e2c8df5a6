// After the builds (scripts/build), before the precache list: the pages'
// Content-Security-Policy allows no inline script. Trunk writes its start-up
// code into each page as an inline <script type="module">, and
// tools/coordinator-areas.mjs writes /beheer/'s loader the same way; this
// moves every inline <script> of every .html page under DIST into a file of
// its own next to the page (`script-<hash of its text>.js`, so a changed
// script is a new file and a cached page never meets a newer script), in the
// same place, with the same type (classic, `module`) and attributes
// (`nomodule` too), so the scripts run in the same order. Then it takes
// 'unsafe-inline' out of the page's script-src and checks what is left:
// every page has a CSP <meta> with a script-src, and no inline script, no
// event handler attribute (on…=) and no javascript: address. Anything else
// fails the build. Running it twice changes nothing the second time.
//
// A moved module resolves its imports against its own address, which is the
// page's directory: the same as before for Trunk's absolute paths.
// Usage: node tools/external-scripts.mjs DIST
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { filesUnder } from "./files.mjs";

const dist = process.argv[2];
const fail = (message) => {
  console.error(`external-scripts: ${message}`);
  process.exit(2);
};
if (!dist) fail("usage: node tools/external-scripts.mjs DIST");


// A comment is left as it is (a script in it never runs, so it must not
// become one that does); a <script> element with its text.
const COMMENT_OR_SCRIPT = /<!--[\s\S]*?-->|<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
// A start tag (a quoted value may hold ">"), its name and attribute text.
const START_TAG = /<([a-zA-Z][^\s\/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
const ATTRIBUTE = /([^\s"'=<>\/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
// What a <script type> may say for classic JavaScript (HTML's list, in short).
const CLASSIC = /^(|(text|application)\/(x-)?(java|ecma)script|text\/jscript|text\/livescript)$/;

/** The attributes of a start tag's attribute text, in order: [name, value
 * as written (character references not decoded) or null]. */
function attributes(text) {
  return [...text.matchAll(ATTRIBUTE)].map(([, name, value]) => [
    name.toLowerCase(),
    value === undefined ? null : value.replace(/^(["'])([\s\S]*)\1$/, "$2"),
  ]);
}

/** A value as written, back between double quotes. */
const quote = (value) => `"${value.replaceAll('"', "&quot;")}"`;

/** The text of a value (`&#39;self&#39;` is `'self'` to the browser). */
const NAMED = { amp: "&", apos: "'", quot: '"', lt: "<", gt: ">", semi: ";", colon: ":", tab: "\t", newline: "\n" };
const decode = (value) =>
  value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    const r = ref.toLowerCase();
    if (r.startsWith("#x")) return String.fromCodePoint(parseInt(r.slice(2), 16));
    if (r.startsWith("#")) return String.fromCodePoint(parseInt(r.slice(1), 10));
    return NAMED[r] ?? whole;
  });
const escape = (text) => text.replaceAll("&", "&amp;");

/** Takes 'unsafe-inline' out of the script directives of one policy. */
function strictPolicy(policy, page) {
  const directives = policy
    .split(";")
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => d.split(/\s+/));
  if (!directives.some(([name]) => name.toLowerCase() === "script-src")) {
    fail(`${page}: its Content-Security-Policy has no script-src (it would fall back to default-src)`);
  }
  return directives
    .map(([name, ...sources]) =>
      /^script-src(-elem|-attr)?$/i.test(name) ? [name, ...sources.filter((s) => s.toLowerCase() !== "'unsafe-inline'")] : [name, ...sources],
    )
    .map((d) => d.join(" "))
    .join("; ");
}

const found = filesUnder(dist, ".html");
if (found.length === 0) fail(`no pages in ${dist}`);
for (const page of found) {
  const dir = dirname(page);
  const base = "/" + relative(dist, dir).split(sep).filter(Boolean).map((s) => `${s}/`).join("");
  let html = readFileSync(page, "utf8");
  const moved = [];

  html = html.replace(COMMENT_OR_SCRIPT, (whole, attrText, text) => {
    if (attrText === undefined) return whole; // a comment
    const attrs = attributes(attrText);
    if (attrs.some(([name]) => name === "src")) return whole;
    const type = (attrs.find(([name]) => name === "type")?.[1] ?? "").trim().toLowerCase();
    const module = type === "module";
    if (!module && !CLASSIC.test(type)) fail(`${page}: an inline <script type="${type}"> cannot be moved to a file`);
    const name = `script-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.js`;
    writeFileSync(join(dir, name), text);
    moved.push(name);
    // `async` and `defer` do nothing on an inline classic script; on a file
    // they would change when it runs. (On a module they keep their meaning.)
    const kept = attrs.filter(([n]) => module || (n !== "async" && n !== "defer"));
    const attrOut = kept.map(([n, v]) => (v === null ? ` ${n}` : ` ${n}=${quote(v)}`)).join("");
    return `<script${attrOut} src=${quote(base + name)}></script>`;
  });

  let policies = 0;
  html = html.replace(START_TAG, (tag, name, attrText) => {
    if (name.toLowerCase() !== "meta") return tag;
    const attrs = attributes(attrText);
    const equiv = attrs.find(([n]) => n === "http-equiv")?.[1];
    if (equiv?.trim().toLowerCase() !== "content-security-policy") return tag;
    policies += 1;
    const content = attrs.find(([n]) => n === "content")?.[1];
    if (content === undefined || content === null) fail(`${page}: a Content-Security-Policy <meta> without content`);
    const strict = escape(strictPolicy(decode(content), page));
    return tag.replace(/\scontent\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)/i, () => ` content=${quote(strict)}`);
  });
  if (policies === 0) fail(`${page}: no Content-Security-Policy <meta>`);

  // What is left: nothing inline that a strict script-src would block.
  const markup = html.replace(COMMENT, "");
  for (const [, attrText, text] of markup.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!attributes(attrText).some(([name]) => name === "src") || text.trim() !== "") {
      fail(`${page}: an inline script is left`);
    }
  }
  for (const [tag, name, attrText] of markup.matchAll(START_TAG)) {
    for (const [attr, value] of attributes(attrText)) {
      if (attr.startsWith("on")) fail(`${page}: <${name} ${attr}=…>: an inline event handler (${tag.slice(0, 80)})`);
      if (value && /^\s*javascript:/i.test(decode(value))) fail(`${page}: <${name} ${attr}="javascript:…">`);
    }
  }
  writeFileSync(page, html);
  const policy = html.match(/script-src[^;"]*/)[0];
  console.log(`external-scripts ${relative(dist, page)}: ${moved.length ? moved.map((n) => base + n).join(", ") : "no inline script"}; ${policy}`);
}
