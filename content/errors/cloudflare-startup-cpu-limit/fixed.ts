// src/index.ts: GET /offsets?tz=Europe/Berlin answers the zone's UTC offset for each day of
// 2026 to 2030, for the meeting planner's calendar view.
interface Env {}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 0, 1);
const DAYS = 1826;
const ZONES = new Set(Intl.supportedValuesOf("timeZone"));

function dailyOffsets(timeZone: string): string[] {
  const format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  const offsets: string[] = [];
  for (let day = 0; day < DAYS; day++) {
    const part = format.formatToParts(FIRST_DAY + day * DAY_MS).find((p) => p.type === "timeZoneName");
    offsets.push(part?.value ?? "GMT");
  }
  return offsets;
}

// Filled on demand: the first request for a zone computes its 1,826 days (tens of milliseconds
// inside the handler), later requests on the same isolate reuse them. Startup does no work.
const OFFSETS = new Map<string, string[]>();

function offsetsFor(zone: string): string[] {
  let offsets = OFFSETS.get(zone);
  if (!offsets) {
    offsets = dailyOffsets(zone);
    OFFSETS.set(zone, offsets);
  }
  return offsets;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const zone = new URL(request.url).searchParams.get("tz") ?? "UTC";
    if (zone !== "UTC" && !ZONES.has(zone)) return Response.json({ error: `unknown time zone ${zone}` }, { status: 400 });
    return Response.json({ zone, from: "2026-01-01", offsets: offsetsFor(zone) });
  },
} satisfies ExportedHandler<Env>;
