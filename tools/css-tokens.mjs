// Design tokens (CSS custom properties) in built stylesheets, for the build
// tools that keep only the tokens an app reads (tools/nlds.mjs,
// tools/theme.mjs).

/** The names of the tokens `css` reads (`var(--name…)`), in order, repeats included. */
export const tokensRead = (css) => [...css.matchAll(/var\(\s*(--[\w-]+)/g)].map(([, name]) => name);

/** `css` without the token declarations (`--name: value;`) whose name `drop` picks. */
export const withoutDeclarations = (css, drop) =>
  css.replace(/(--[\w-]+)\s*:[^;{}]*;?/g, (declaration, name) => (drop(name) ? "" : declaration));
