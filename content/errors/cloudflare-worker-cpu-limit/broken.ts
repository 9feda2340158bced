// src/index.ts: the usage API behind our dashboard. Clients send "Authorization: Bearer <id>.<secret>";
// the secret half is 32 random characters the admin tool generated once.
interface Env {}

type IssuedKey = { salt: string; hash: string; team: string };

// Issued keys, stored the way a password would be: PBKDF2-SHA256, 100,000 iterations.
const ISSUED_KEYS: Record<string, IssuedKey> = {
  k_live_7f3a: {
    salt: "5f2c9a7e1b3d4f6a8c0e2b4d6f8a1c3e",
    hash: "8814fcce6624a48f7a093cd7590c2ac5c506dd54c9739a6f9a86f48e66f5ea67",
    team: "analytics",
  },
};

const encoder = new TextEncoder();

function fromHex(hex: string): Uint8Array {
  return new Uint8Array(hex.match(/../g)!.map((byte) => parseInt(byte, 16)));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

async function pbkdf2(secret: string, salt: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), "PBKDF2", false, ["deriveBits"]);
  // Every request pays for 100,000 rounds of SHA-256 here, on the Worker's CPU.
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_000 }, key, 256);
  return new Uint8Array(bits);
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const [id = "", secret = ""] = (request.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "").split(".");
    const issued = ISSUED_KEYS[id];
    if (!issued || !secret) return new Response("unauthorized", { status: 401 });

    const derived = await pbkdf2(secret, fromHex(issued.salt));
    if (!sameBytes(derived, fromHex(issued.hash))) return new Response("unauthorized", { status: 401 });

    const { searchParams } = new URL(request.url);
    return Response.json({ team: issued.team, day: searchParams.get("day"), requests: 1204, errors: 3 });
  },
} satisfies ExportedHandler<Env>;
