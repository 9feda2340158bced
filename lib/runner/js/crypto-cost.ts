// What a Web Crypto call costs the isolate. On Cloudflare Workers (and Deno) SubtleCrypto works
// synchronously on the isolate's own thread: workerd's SubtleCrypto::digest hashes inside
// `js.evalNow` (src/workerd/api/crypto/crypto.c++ at 6552d99) and hands back a settled promise, so
// the hashing is CPU time of the request. In a Node worker or a browser the same call runs on a
// host thread and settles whenever that thread and the event loop get round to it: on a loaded
// machine a SHA-256 of 32 bytes took anywhere from 0.6 to 116 ms to come back. Billing that wait
// made CPU-clock verdicts depend on the machine's load.
//
// So the engine bills the work itself: a digest costs its input's blocks at this host's own hash
// rate, measured once when the engine starts on a 256 KiB input (the fastest of eight tries, so a
// busy moment does not set the rate); an HMAC costs its message plus the two pad blocks; PBKDF2
// costs two compression-function blocks per iteration per output block (RFC 8018 §5.2, with the
// key's pads absorbed once, as OpenSSL's pkcs5_pbkdf2_alg and BoringSSL's PKCS5_PBKDF2_HMAC keep a
// keyed HMAC context to copy: each iteration hashes U_{i-1} in one inner block and the inner digest
// in one outer block); HKDF four blocks per HMAC (RFC 5869); importing raw symmetric key bytes
// nothing. Neither the host's own call nor the wait for its thread is billed. Other operations
// (key generation, AES, asymmetric keys) keep being billed by the real time they take.

export type CryptoRates = {
  /** real ms per byte hashed, by algorithm name (SHA-1, SHA-256, SHA-384, SHA-512) */
  msPerByte: Record<string, number>;
};

/** Block size in bytes and output size in bits of each hash (FIPS 180-4). */
const HASHES: Record<string, { block: number; bits: number }> = {
  "SHA-1": { block: 64, bits: 160 },
  "SHA-256": { block: 64, bits: 256 },
  "SHA-384": { block: 128, bits: 384 },
  "SHA-512": { block: 128, bits: 512 },
};

const SAMPLE_BYTES = 1 << 18;
const SAMPLES = 8;

/** The host's hash rates, or null where there is no SubtleCrypto to measure. */
export async function calibrateCrypto(subtle: SubtleCrypto | undefined, realNow: () => number): Promise<CryptoRates | null> {
  if (!subtle || typeof subtle.digest !== "function") return null;
  const data = new Uint8Array(SAMPLE_BYTES);
  const msPerByte: Record<string, number> = {};
  try {
    for (const name of Object.keys(HASHES)) {
      // the first call of each pays for the host's own set-up, not for hashing
      await subtle.digest(name, data);
      let best = Infinity;
      for (let i = 0; i < SAMPLES; i++) {
        const start = realNow();
        await subtle.digest(name, data);
        best = Math.min(best, realNow() - start);
      }
      msPerByte[name] = best / SAMPLE_BYTES;
    }
  } catch {
    return null;
  }
  return { msPerByte };
}

function hashName(value: unknown): string | null {
  const name = typeof value === "string" ? value : typeof value === "object" && value !== null ? (value as { name?: unknown }).name : null;
  if (typeof name !== "string") return null;
  const upper = name.toUpperCase();
  return upper in HASHES ? upper : null;
}

function byteLength(value: unknown): number | null {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  return null;
}

/** Bytes a hash processes for a message of `bytes`: whole blocks, padding included (FIPS 180-4 §5.1). */
function paddedBytes(bytes: number, block: number): number {
  const lengthField = block === 64 ? 8 : 16;
  return Math.ceil((bytes + 1 + lengthField) / block) * block;
}

function keyHash(key: unknown): string | null {
  const algorithm = typeof key === "object" && key !== null ? (key as { algorithm?: { name?: unknown; hash?: unknown } }).algorithm : undefined;
  if (!algorithm || String(algorithm.name).toUpperCase() !== "HMAC") return null;
  return hashName(algorithm.hash);
}

/**
 * The CPU ms the isolate would spend on `subtle[method](...args)`, or null when it is not one of
 * the hash-based operations modelled here (then the real time it takes is billed).
 */
export function cryptoCostMs(method: string, args: readonly unknown[], rates: CryptoRates | null): number | null {
  if (!rates) return null;
  const rateOf = (hash: string) => rates.msPerByte[hash] ?? null;
  if (method === "digest") {
    const hash = hashName(args[0]);
    const bytes = byteLength(args[1]);
    if (!hash || bytes === null) return null;
    const rate = rateOf(hash);
    return rate === null ? null : paddedBytes(bytes, (HASHES[hash] as { block: number }).block) * rate;
  }
  if (method === "sign" || method === "verify") {
    const hash = keyHash(args[1]);
    const bytes = byteLength(method === "sign" ? args[2] : args[3]);
    if (!hash || bytes === null) return null;
    const rate = rateOf(hash);
    const { block } = HASHES[hash] as { block: number };
    // inner hash over the ipad block and the message, outer over the opad block and the inner digest
    return rate === null ? null : (block + paddedBytes(bytes, block) + block + paddedBytes(0, block)) * rate;
  }
  if (method === "importKey") {
    // Raw or JWK bytes of a symmetric key are only copied (a long HMAC key is hashed when used,
    // not here); parsing an asymmetric key is real work, left to the real clock.
    const format = String(args[0]).toLowerCase();
    const name = String((typeof args[2] === "string" ? args[2] : (args[2] as { name?: unknown } | null)?.name) ?? "").toUpperCase();
    return (format === "raw" || format === "jwk") && /^(HMAC|PBKDF2|HKDF|AES-(GCM|CBC|CTR|KW))$/.test(name) ? 0 : null;
  }
  if (method === "deriveBits" || method === "deriveKey") {
    const algorithm = args[0] as { name?: unknown; hash?: unknown; iterations?: unknown } | null;
    if (algorithm && String(algorithm.name).toUpperCase() === "HKDF") {
      // RFC 5869: extract is one HMAC over the key material, expand one HMAC per output block
      const hash = hashName(algorithm.hash);
      const rate = hash ? rateOf(hash) : null;
      if (!hash || rate === null) return null;
      const { block, bits } = HASHES[hash] as { block: number; bits: number };
      const wanted = method === "deriveBits" ? Number(args[2]) : Number((args[2] as { length?: unknown } | null)?.length ?? bits);
      const outputBlocks = Math.max(1, Math.ceil((Number.isFinite(wanted) && wanted > 0 ? wanted : bits) / bits));
      return (1 + outputBlocks) * 4 * block * rate;
    }
    if (!algorithm || String(algorithm.name).toUpperCase() !== "PBKDF2") return null;
    const hash = hashName(algorithm.hash);
    const iterations = Number(algorithm.iterations);
    if (!hash || !Number.isFinite(iterations) || iterations <= 0) return null;
    const rate = rateOf(hash);
    const { block, bits } = HASHES[hash] as { block: number; bits: number };
    const wanted = method === "deriveBits" ? Number(args[2]) : Number((args[2] as { length?: unknown } | null)?.length ?? bits);
    const outputBlocks = Math.max(1, Math.ceil((Number.isFinite(wanted) && wanted > 0 ? wanted : bits) / bits));
    return rate === null ? null : outputBlocks * iterations * 2 * block * rate;
  }
  return null;
}
