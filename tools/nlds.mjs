// Puts the NL Design System's component CSS into each built app (after the
// builds and tools/coordinator-areas.mjs, before tools/minify.mjs, which
// writes the new `integrity` into the pages). Wijkpeil's buttons, links,
// paragraphs, headings, skip link and form fields are those components
// (`nl-button`, `nl-link`, `nl-heading`, `nl-skip-link`,
// `utrecht-form-field`; paragraphs through the Paragraph's CSS for plain
// `p`), and they read the components' tokens (`--nl-button-…`), which
// style/main.css sets to Wijkpeil's look and a municipality's theme sets to
// its own (docs/THEMING.md).
//
// Each app gets only the rules for the classes it uses: a class counts as
// used when its name occurs in the app's wasm, scripts or page (the view
// code writes each class name out in full), so a rule is never dropped for
// an element that exists. A rule for two button modifiers at once (a
// negative primary button) needs both in one class attribute. Then the
// component tokens that no rule of the app reads any more are left out of
// its stylesheet. The buttons' disabled
// state is the component's `nl-button--disabled` class or, as Wijkpeil
// writes it, the `disabled` or `aria-disabled="true"` attribute.
//
// The CSS is prepended to the app's `main-….css`, so Wijkpeil's own rules
// (layout, sizes) come after it.
// Usage: node tools/nlds.mjs DIST
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";
import { tokensRead, withoutDeclarations } from "./css-tokens.mjs";
import { filesUnder } from "./files.mjs";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node tools/nlds.mjs DIST");
  process.exit(2);
}

// The components, in the order their CSS is written (package, file).
const COMPONENTS = [
  ["@nl-design-system-candidate/button-css", "dist/button.css"],
  ["@nl-design-system-candidate/link-css", "dist/link.css"],
  ["@nl-design-system-candidate/paragraph-css", "dist/html/paragraph.css"],
  ["@nl-design-system-candidate/heading-css", "dist/heading.css"],
  ["@nl-design-system-candidate/skip-link-css", "dist/skip-link.css"],
  ["@utrecht/form-field-css", "dist/index.min.css"],
];
const modules = join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules");
const componentCss = COMPONENTS.map(([name, file]) => {
  return readFileSync(join(modules, name, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
}).join("\n");
const classesIn = (css) => [...new Set([...css.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map(([, name]) => name))];
const componentClasses = classesIn(componentCss);
// States Wijkpeil sets with attributes, not classes.
const STATES = { "nl-button--disabled": ":is(.nl-button--disabled,.nl-button:disabled,.nl-button[aria-disabled=true])" };

// Each app: the folder of its main stylesheet and the files whose text
// names its classes (the coordinator's areas share /beheer/'s stylesheet).
const isContent = (path) => /\.(wasm|js|html)$/.test(path);
const topLevel = readdirSync(dist)
  .map((name) => join(dist, name))
  .filter((path) => statSync(path).isFile() && isContent(path));
const snippets = existsSync(join(dist, "snippets")) ? filesUnder(join(dist, "snippets")) : [];
const apps = [
  ["", [...topLevel, ...snippets]],
  ...["enquete", "ontgrendelen", "beheer"].map((dir) => [dir, filesUnder(join(dist, dir)).filter(isContent)]),
];

const COMPONENT_TOKEN = /^--(?:nl|utrecht)-/;
/** `css` without the declarations of component tokens nothing in `all` reads. */
const withoutUnreadTokens = (css, all) => {
  let text = css;
  for (;;) {
    const read = new Set(tokensRead(all(text)));
    const next = withoutDeclarations(text, (name) => COMPONENT_TOKEN.test(name) && !read.has(name));
    if (next === text) return text;
    text = next;
  }
};

/** The selectors of a selector list, split at its top-level commas. */
const selectorsOf = (list) => {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i += 1) {
    if (list[i] === "(") depth += 1;
    else if (list[i] === ")") depth -= 1;
    else if (list[i] === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, list.slice(start)];
};
/** `css` with only the selectors `keep` accepts (rules left empty go, @media blocks are walked). */
const keepSelectors = (css, keep) => {
  let out = "";
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf("{", i);
    if (open < 0) return out + css.slice(i);
    const head = css.slice(i, open);
    let depth = 1;
    let close = open + 1;
    for (; depth > 0; close += 1) {
      if (css[close] === "{") depth += 1;
      else if (css[close] === "}") depth -= 1;
    }
    const body = css.slice(open + 1, close - 1);
    if (head.trim().startsWith("@")) {
      const inner = keepSelectors(body, keep);
      if (inner.trim()) out += `${head}{${inner}}`;
    } else {
      const kept = selectorsOf(head).filter(keep);
      if (kept.length > 0) out += `${kept.join(",")}{${body}}`;
    }
    i = close;
  }
  return out;
};
// A component's modifiers that Wijkpeil writes in one class attribute
// (`nl-button--secondary nl-button--negative`), not its states.
const MODIFIER = /\.(nl-button--(?!disabled\b|pressed\b|busy\b)[\w-]+)/g;

for (const [dir, content] of apps) {
  const text = content.map((path) => readFileSync(path, "latin1")).join("\n");
  // Not part of a longer name (`nl-skip-link--visible` of
  // `nl-skip-link--visible-on-focus`). A letter may touch it: in the wasm
  // the strings lie end to end.
  const word = (name) => new RegExp(`(?<!-)${name}(?!-)`);
  const used = componentClasses.filter((name) => word(name).test(text));
  // A selector that combines two modifiers (a negative primary button) is
  // kept when some run of text names both, as one class attribute does.
  const runs = text.match(/[\w -]{12,}/g) ?? [];
  const combined = (selector) => {
    const modifiers = [...new Set([...selector.matchAll(MODIFIER)].map(([, name]) => name))];
    return modifiers.length < 2 || runs.some((run) => modifiers.every((name) => word(name).test(run)));
  };
  if (used.includes("nl-button")) used.push(...Object.keys(STATES));
  const extractor = () => ({ classes: used, tags: ["a", "p"], ids: [], attributes: { names: [], values: [] }, undetermined: [] });
  const [{ css: pruned }] = await new PurgeCSS().purge({
    content: [{ raw: "-", extension: "wijkpeil" }],
    extractors: [{ extractor, extensions: ["wijkpeil"] }],
    css: [{ raw: componentCss }],
  });
  let components = keepSelectors(pruned, combined);
  for (const [state, selector] of Object.entries(STATES)) components = components.replaceAll(`.${state}`, selector);

  const folder = join(dist, dir);
  const stylesheets = readdirSync(folder).filter((name) => name.endsWith(".css")).map((name) => join(folder, name));
  const main = stylesheets.find((path) => /(^|[\\/])main-[0-9a-f]+\.css$/.test(path));
  if (!main) throw new Error(`nlds: no main-….css in ${folder}`);
  const others = stylesheets.filter((path) => path !== main).map((path) => readFileSync(path, "utf8")).join("\n");
  const own = readFileSync(main, "utf8");
  const css = withoutUnreadTokens(`${components}\n${own}`, (candidate) => `${candidate}\n${others}`);
  writeFileSync(main, css);
  console.log(`nlds: /${dir}${dir ? "/" : ""}: ${used.length} component classes, ${components.length} B of component CSS`);
}
