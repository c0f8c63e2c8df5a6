// Packs a survey definition into a link and back: deflate-raw with the
// browser's own CompressionStream (no library), then base64url; fetches
// the definition a short link names from the organisation's drop-off; and
// seals a resident's answers. The wasm calls these through
// window.wijkpeilCodec (plain JavaScript: the survey app's wasm stays
// within its size budget).
const base64url = (bytes) => {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};
const fromBase64url = (text) => {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "===".slice((base64.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};
window.wijkpeilCodec = {
  async pack(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return base64url(new Uint8Array(await new Response(stream).arrayBuffer()));
  },
  async unpack(packed) {
    const bytes = fromBase64url(packed);
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
  // Seals a resident's answers: see platform::Sealer.
  async seal(request) {
    const [key, aad, plain] = request.split("\0");
    const subtle = crypto.subtle;
    const text = new TextEncoder();
    const curve = { name: "ECDH", namedCurve: "P-256" };
    const organisation = await subtle.importKey("raw", fromBase64url(key), curve, false, []);
    const ephemeral = await subtle.generateKey(curve, true, ["deriveBits"]);
    const epk = new Uint8Array(await subtle.exportKey("raw", ephemeral.publicKey));
    const shared = await subtle.deriveBits({ name: "ECDH", public: organisation }, ephemeral.privateKey, 256);
    const hkdf = await subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
    const info = text.encode("wijkpeil answers v1");
    const aes = await subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: epk, info }, hkdf, { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt({ name: "AES-GCM", iv, additionalData: text.encode(aad) }, aes, text.encode(plain));
    return [epk, iv, new Uint8Array(data)].map(base64url).join(".");
  },
};
