// Free text at rest (storage::at_rest), an ES module that the apps import at
// the first record that needs it. AES-256-GCM,
// "wpenc1:<iv>:<data>", in place at the paths of domain::at_rest::free_text_paths (space-separated),
// each field with "<record id> <path>" as associated data
// (domain::at_rest::associated_data; the data worker's Rust cipher reads it).
const P = "wpenc1:";
const b64 = (b) => btoa(b.reduce((a, x) => a + String.fromCharCode(x), "")).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const unb64 = (t) => Uint8Array.from(atob(t.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
const s = crypto.subtle;
let c = [];
const key = (raw) => (c[0] === raw ? c : (c = [raw, s.importKey("raw", unb64(raw), "AES-GCM", false, ["encrypt", "decrypt"])]))[1];
const walk = (v, [n, ...rest], f) => {
  if (v && typeof v === "object")
    for (const k of n === "*" ? Object.keys(v) : [n])
      if (rest.length) walk(v[k], rest, f);
      else if (typeof v[k] === "string" && v[k]) f(v, k, v[k]);
};
const each = async (raw, paths, records, f) => {
  const k = await key(raw);
  const jobs = [];
  for (const r of records)
    for (const p of paths.split(" ")) {
      const ad = { name: "AES-GCM", additionalData: new TextEncoder().encode(r.id + " " + p) };
      walk(r, p.split("."), (o, n, t) => jobs.push(f(k, ad, o, n, t)));
    }
  await Promise.all(jobs);
};
export const seal = (raw, paths, records) =>
  each(raw, paths, records, async (k, ad, o, n, t) => {
    if (t.startsWith(P)) return;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    o[n] = P + b64(iv) + ":" + b64(new Uint8Array(await s.encrypt({ ...ad, iv }, k, new TextEncoder().encode(t))));
  });
export const open = (raw, paths, records) =>
  each(raw, paths, records, async (k, ad, o, n, t) => {
    try {
      const [, iv, data] = t.startsWith(P) ? t.split(":") : [];
      if (data) o[n] = new TextDecoder().decode(await s.decrypt({ ...ad, iv: unb64(iv) }, k, unb64(data)));
    } catch {
      // stays encrypted, never shown as its text
    }
  });
