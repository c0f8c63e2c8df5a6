// Re-themes a built Wijkpeil (scripts/build, after the stylesheets are
// minified and before the precache list) with a municipality's NL Design
// System tokens: a CSS file of custom properties on a class, such as the
// `theme.css` of `@nl-design-system-unstable/voorbeeld-design-tokens`
// (`.voorbeeld-theme { --basis-color-…: …; }`). No code changes: Wijkpeil's
// stylesheets read those tokens (style/main.css, docs/THEMING.md).
//
// It keeps only the tokens Wijkpeil reads, and the tokens those refer to
// (a whole theme is some 200 kB; what is kept is a few kB), writes them as
// `theme-<hash>.css` beside each app's own stylesheets (so each app's first
// load counts it, tools/size-budget.mjs), links it after them in every page,
// and puts the theme's class on each page's <html>. Wijkpeil's own values of
// the tokens the theme sets leave the apps' stylesheets.
// Usage: node tools/theme.mjs DIST THEME.css [CLASS]
//        (CLASS: the theme's class; by default the first class the file
//        declares custom properties on)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { tokensRead, withoutDeclarations } from "./css-tokens.mjs";
import { filesUnder, integrity, rewriteIntegrity } from "./files.mjs";

const [dist, themePath, givenClass] = process.argv.slice(2);
const fail = (message) => {
  console.error(`theme: ${message}`);
  process.exit(2);
};
if (!dist || !themePath) fail("usage: node tools/theme.mjs DIST THEME.css [CLASS]");


// The theme's rules: `.class { --name: value; … }`, comments left out.
const theme = readFileSync(themePath, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
const RULE = /([^{}]+)\{([^{}]*)\}/g;
const declarations = new Map();
let themeClass = givenClass;
for (const [, selector, body] of theme.matchAll(RULE)) {
  const classes = [...selector.matchAll(/\.([A-Za-z_][\w-]*)/g)].map(([, name]) => name);
  if (!themeClass && classes.length > 0) themeClass = classes[0];
  if (!classes.includes(themeClass) && !/:root\b/.test(selector)) continue;
  for (const [, name, value] of body.matchAll(/(--[\w-]+)\s*:\s*([^;]*);?/g)) {
    declarations.set(name, value.trim());
  }
}
if (!themeClass) fail(`${themePath}: no class with custom properties found`);
if (!/^[A-Za-z_][\w-]*$/.test(themeClass)) fail(`not a class name: ${themeClass}`);
if (declarations.size === 0) fail(`${themePath}: no custom properties on .${themeClass}`);

// The tokens a page's stylesheets read, and what those refer to in turn.
const tokensFor = (stylesheets) => {
  const needed = new Set(stylesheets.flatMap((path) => tokensRead(readFileSync(path, "utf8"))));
  const kept = new Map();
  for (const name of needed) {
    if (kept.has(name) || !declarations.has(name)) continue;
    const value = declarations.get(name);
    kept.set(name, value);
    for (const next of tokensRead(value)) needed.add(next);
  }
  return kept;
};

// Each app (page) gets a theme file of the tokens its own stylesheets read.
// Wijkpeil's own values of those tokens can never apply (the theme's class
// is on <html> and its file comes after), so its stylesheets leave them out.
const changed = new Map(); // stylesheet → its new integrity
let linked = 0;
let largest = 0;
for (const page of filesUnder(dist, ".html")) {
  let html = readFileSync(page, "utf8");
  const links = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)];
  if (links.length === 0) continue;
  const pathOf = (href) => (href.startsWith("/") ? join(dist, href) : join(dirname(page), href));
  const hrefs = links.map(([tag]) => /\bhref="([^"]+)"/.exec(tag)[1]);
  const stylesheets = hrefs.map(pathOf);
  const kept = tokensFor(stylesheets);
  if (kept.size === 0) continue;
  const css = `.${themeClass}{${[...kept].map(([name, value]) => `${name}:${value}`).join(";")}}\n`;
  const file = `theme-${createHash("sha256").update(css).digest("hex").slice(0, 16)}.css`;
  for (const path of stylesheets) {
    const text = readFileSync(path, "utf8");
    const next = withoutDeclarations(text, (name) => kept.has(name));
    if (next === text) continue;
    writeFileSync(path, next);
    changed.set(resolve(path), integrity(next));
  }
  // Beside the page's own stylesheets, addressed as they are.
  const last = links[links.length - 1];
  const href = hrefs[hrefs.length - 1];
  const dir = href.startsWith("/") ? join(dist, dirname(href)) : dirname(page);
  writeFileSync(join(dir, file), css);
  const url = href.startsWith("/") ? `${dirname(href).replace(/\/$/, "")}/${file}` : relative(dirname(page), join(dir, file)).split(sep).join("/");
  const tag = `<link rel="stylesheet" href="${url}" integrity="${integrity(css)}"/>`;
  const at = last.index + last[0].length;
  html = html.slice(0, at) + tag + html.slice(at);
  html = html.replace(/<html\b([^>]*)>/, (whole, attrs) =>
    /\bclass="/.test(attrs)
      ? whole.replace(/\bclass="([^"]*)"/, (_, list) => `class="${list} ${themeClass}"`)
      : `<html${attrs} class="${themeClass}">`,
  );
  writeFileSync(page, html);
  linked += 1;
  largest = Math.max(largest, kept.size);
}
if (linked === 0) fail(`${themePath}: none of the tokens Wijkpeil reads is in .${themeClass}`);
rewriteIntegrity(dist, changed);
console.log(`theme: .${themeClass}, in ${linked} pages, at most ${largest} of ${declarations.size} tokens kept in one`);
