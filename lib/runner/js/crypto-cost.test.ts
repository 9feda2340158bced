import { describe, expect, test } from "vitest";
import { calibrateCrypto, cryptoCostMs, type CryptoRates } from "./crypto-cost";
import type { Host } from "./host";
import { VirtualLoop } from "./virtual-loop";

const rates: CryptoRates = { msPerByte: { "SHA-1": 1e-6, "SHA-256": 2e-6, "SHA-384": 1.5e-6, "SHA-512": 1.5e-6 } };
const bytes = (n: number) => new Uint8Array(n);

describe("what a Web Crypto call costs the isolate", () => {
  test("a digest costs its padded blocks at the hash's rate", () => {
    // 32 bytes + 0x80 + 8-byte length fit one 64-byte block; 56 bytes need two
    expect(cryptoCostMs("digest", ["SHA-256", bytes(32)], rates)).toBeCloseTo(64 * 2e-6, 12);
    expect(cryptoCostMs("digest", [{ name: "sha-256" }, bytes(56)], rates)).toBeCloseTo(128 * 2e-6, 12);
    // SHA-512 works in 128-byte blocks with a 16-byte length field
    expect(cryptoCostMs("digest", ["SHA-512", bytes(112)], rates)).toBeCloseTo(256 * 1.5e-6, 12);
    expect(cryptoCostMs("digest", ["SHA-256", new ArrayBuffer(1 << 20)], rates)).toBeCloseTo(((1 << 20) + 64) * 2e-6, 9);
  });

  test("PBKDF2 costs two blocks per iteration per output block; HMAC its message and pads", () => {
    const key = { algorithm: { name: "PBKDF2" } };
    expect(cryptoCostMs("deriveBits", [{ name: "PBKDF2", hash: "SHA-256", salt: bytes(16), iterations: 100_000 }, key, 256], rates)).toBeCloseTo(100_000 * 2 * 64 * 2e-6, 9);
    // 512 bits from SHA-256 is two output blocks, each with all its iterations
    expect(cryptoCostMs("deriveKey", [{ name: "PBKDF2", hash: { name: "SHA-256" }, salt: bytes(16), iterations: 1000 }, key, { name: "AES-GCM", length: 512 }, false, ["encrypt"]], rates)).toBeCloseTo(2 * 1000 * 2 * 64 * 2e-6, 9);
    const hmac = { algorithm: { name: "HMAC", hash: { name: "SHA-256" } } };
    expect(cryptoCostMs("sign", ["HMAC", hmac, bytes(32)], rates)).toBeCloseTo((64 + 64 + 64 + 64) * 2e-6, 12);
    expect(cryptoCostMs("verify", ["HMAC", hmac, bytes(32), bytes(100)], rates)).toBeCloseTo((64 + 128 + 64 + 64) * 2e-6, 12);
  });

  test("raw symmetric imports are free; what is not modelled is left to the real clock", () => {
    expect(cryptoCostMs("importKey", ["raw", bytes(32), "PBKDF2", false, ["deriveBits"]], rates)).toBe(0);
    expect(cryptoCostMs("importKey", ["raw", bytes(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]], rates)).toBe(0);
    expect(cryptoCostMs("importKey", ["spki", bytes(300), { name: "RSA-PSS", hash: "SHA-256" }, false, ["verify"]], rates)).toBeNull();
    expect(cryptoCostMs("generateKey", [{ name: "RSA-PSS", modulusLength: 2048 }, true, ["sign"]], rates)).toBeNull();
    expect(cryptoCostMs("encrypt", [{ name: "AES-GCM", iv: bytes(12) }, {}, bytes(100)], rates)).toBeNull();
    expect(cryptoCostMs("digest", ["MD5", bytes(1)], rates)).toBeNull();
    expect(cryptoCostMs("digest", ["SHA-256", bytes(1)], null)).toBeNull();
  });

  test("the host's rates are measured on its own SubtleCrypto", async () => {
    const measured = await calibrateCrypto(globalThis.crypto.subtle, () => performance.now());
    expect(Object.keys(measured?.msPerByte ?? {}).sort()).toEqual(["SHA-1", "SHA-256", "SHA-384", "SHA-512"]);
    for (const rate of Object.values(measured?.msPerByte ?? {})) expect(rate).toBeGreaterThan(0);
    expect(await calibrateCrypto(undefined, () => 0)).toBeNull();
  });
});

/** A host whose real clock the test moves by hand. */
function fakeHost(clock: { now: number }): Host {
  return {
    realNow: () => clock.now,
    epochNow: () => 0,
    hop: () => new Promise((resolve) => setImmediate(resolve)),
    hopCost: 0,
    realSleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    queueMicrotask,
    busy: () => undefined,
    onAsyncFault: () => undefined,
    randomUUID: () => "00000000-0000-4000-8000-000000000000",
    cryptoRates: rates,
  };
}

describe("the loop bills a modelled operation by its cost, not by the host's wait", () => {
  test("a result that takes 100 ms of real time to come back costs its modelled 0.5 ms", async () => {
    const clock = { now: 0 };
    const loop = new VirtualLoop(fakeHost(clock), { runawayMs: 3000, budgetMs: 10_000, maxSpans: 100 });
    let release: (value: string) => void = () => undefined;
    const real = new Promise<string>((resolve) => (release = resolve));
    loop.enter();
    const seen: string[] = [];
    // the host's own call took 2 ms of real time before handing back the promise
    clock.now += 2;
    void loop.trackReal(real, 0.5, 2).then((value) => seen.push(value));
    setTimeout(() => {
      clock.now += 100;
      release("digest");
    }, 5);
    await loop.settle();
    expect(seen).toEqual(["digest"]);
    expect(loop.cpu()).toBeCloseTo(0.5, 9);
    expect(loop.now()).toBeCloseTo(0.5, 9);
  });

  test("without a model the wait is the slice's CPU, as before", async () => {
    const clock = { now: 0 };
    const loop = new VirtualLoop(fakeHost(clock), { runawayMs: 3000, budgetMs: 10_000, maxSpans: 100 });
    let release: () => void = () => undefined;
    const real = new Promise<void>((resolve) => (release = resolve));
    loop.enter();
    void loop.trackReal(real);
    setTimeout(() => {
      clock.now += 100;
      release();
    }, 5);
    await loop.settle();
    expect(loop.cpu()).toBeCloseTo(100, 9);
  });
});
