// window.wijkpeilCodec: what src/platform.rs (pack, unpack, fetch_public,
// Sealer) documents. Plain JavaScript, and terse: every byte counts in the
// survey app's first load.
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
    const reader = new Blob([fromBase64url(packed)]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const parts = [];
    for (let size = 0; ; ) {
      const { done, value } = await reader.read();
      if (done) return new Blob(parts).text();
      if ((size += value.length) > 524288) {
        reader.cancel();
        throw new RangeError("unpacked past 512 kB");
      }
      parts.push(value);
    }
  },
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
