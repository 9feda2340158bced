// src/index.ts: the usage API behind our dashboard. Clients send "Authorization: Bearer <id>.<secret>";
// the secret half is 32 random characters the admin tool generated once.
interface Env {}

type IssuedKey = { sha256: string; team: string };

// A random 32-character secret cannot be guessed from its hash, so one SHA-256 is enough:
// slow, salted hashing is for passwords people choose. The admin tool stores SHA-256 now.
const ISSUED_KEYS: Record<string, IssuedKey> = {
  k_live_7f3a: {
    sha256: "65eb5066d836de60c8dcf05ca51edbdb402899d1637b5e387ef41eb322635295",
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

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const [id = "", secret = ""] = (request.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "").split(".");
    const issued = ISSUED_KEYS[id];
    if (!issued || !secret) return new Response("unauthorized", { status: 401 });

    // One SHA-256 of 32 bytes: microseconds of CPU instead of tens of milliseconds.
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(secret)));
    if (!sameBytes(digest, fromHex(issued.sha256))) return new Response("unauthorized", { status: 401 });

    const { searchParams } = new URL(request.url);
    return Response.json({ team: issued.team, day: searchParams.get("day"), requests: 1204, errors: 3 });
  },
} satisfies ExportedHandler<Env>;
