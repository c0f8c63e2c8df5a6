// Packs a survey definition into a link and back: deflate-raw with the
// browser's own CompressionStream (no library), then base64url; and fetches
// the definition a short link names from the organisation's drop-off. The
// wasm calls these through window.wijkpeilCodec.
window.wijkpeilCodec = {
  async pack(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
  async unpack(packed) {
    const base64 = packed.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text();
  },
  // An own survey that a short link names, from the organisation's drop-off:
  // fetched without a login or cookie and kept in the Cache Storage, so the
  // link opens offline afterwards; the kept copy when the phone is offline or
  // the server has none. null when neither is there.
  async fetchPublic(address) {
    const kept = await caches.open("wijkpeil-surveys");
    try {
      const response = await fetch(address, { credentials: "omit", cache: "no-store" });
      if (response.ok) {
        await kept.put(address, response.clone());
        return await response.text();
      }
    } catch {
      // offline: the kept copy below
    }
    const copy = await kept.match(address);
    return copy ? copy.text() : null;
  },
};
