// src/index.ts: GET /offsets?tz=Europe/Berlin answers the zone's UTC offset for each day of
// 2026 to 2030, for the meeting planner's calendar view.
interface Env {}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 0, 1);
const DAYS = 1826;

function dailyOffsets(timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  const offsets: string[] = [];
  for (let day = 0; day < DAYS; day++) {
    const part = format.formatToParts(FIRST_DAY + day * DAY_MS).find((p) => p.type === "timeZoneName");
    offsets.push(part?.value ?? "GMT");
  }
  return offsets;
}

// Precomputed once per isolate so that requests only look the answer up. This loop runs in
// global scope, at startup: about 400 zones x 1,826 days of Intl formatting before any request.
const OFFSETS = new Map<string, string[]>();
for (const zone of Intl.supportedValuesOf("timeZone")) {
  OFFSETS.set(zone, dailyOffsets(zone));
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const zone = new URL(request.url).searchParams.get("tz") ?? "UTC";
    const offsets = OFFSETS.get(zone);
    if (!offsets) return Response.json({ error: `unknown time zone ${zone}` }, { status: 400 });
    return Response.json({ zone, from: "2026-01-01", offsets });
  },
} satisfies ExportedHandler<Env>;
