// src/index.ts: GET /slots?zones=Europe/Berlin,America/New_York&week=2026-11-09 lists the
// half-hour slots of that week that fall between 09:00 and 17:00 for every participant.
// wrangler.jsonc sets "limits": { "cpu_ms": 50 } so that a bug cannot run up the bill.
interface Env {}

const SLOT_MS = 30 * 60_000;
const SLOTS_PER_WEEK = 7 * 48;
const KNOWN_ZONES = new Set(Intl.supportedValuesOf("timeZone"));

// One formatter per zone, created when a request first needs it and kept for the isolate's life.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "numeric", hourCycle: "h23" });
    formats.set(zone, format);
  }
  return format;
}

function localHour(format: Intl.DateTimeFormat, at: number): number {
  const hour = format.formatToParts(at).find((part) => part.type === "hour")?.value ?? "0";
  return Number(hour) % 24;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const zones = (url.searchParams.get("zones") ?? "UTC").split(",");
    const week = url.searchParams.get("week") ?? "2026-11-09";
    const weekStart = Date.parse(`${week}T00:00:00Z`);

    const unknown = zones.filter((zone) => zone !== "UTC" && !KNOWN_ZONES.has(zone));
    if (unknown.length > 0) return Response.json({ error: `unknown time zone ${unknown.join(", ")}` }, { status: 400 });

    // Only the participants' zones: a few hundred formatting calls instead of 130,000.
    const slots: string[] = [];
    for (let slot = 0; slot < SLOTS_PER_WEEK; slot++) {
      const at = weekStart + slot * SLOT_MS;
      const everyoneWorking = zones.every((zone) => {
        const hour = localHour(formatFor(zone), at);
        return hour >= 9 && hour < 17;
      });
      if (everyoneWorking) slots.push(new Date(at).toISOString());
    }
    return Response.json({ zones, week, slots });
  },
} satisfies ExportedHandler<Env>;
