// src/index.ts: GET /slots?zones=Europe/Berlin,America/New_York&week=2026-11-09 lists the
// half-hour slots of that week that fall between 09:00 and 17:00 for every participant.
// wrangler.jsonc sets "limits": { "cpu_ms": 50 } so that a bug cannot run up the bill.
interface Env {}

const SLOT_MS = 30 * 60_000;
const SLOTS_PER_WEEK = 7 * 48;

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

    // The local hour of every slot in every IANA time zone, so that any combination of
    // participants can be looked up: about 400 zones x 336 slots of Intl formatting.
    const hours = new Map<string, number[]>();
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "numeric", hourCycle: "h23" });
      const row: number[] = [];
      for (let slot = 0; slot < SLOTS_PER_WEEK; slot++) row.push(localHour(format, weekStart + slot * SLOT_MS));
      hours.set(zone, row);
    }

    const unknown = zones.filter((zone) => !hours.has(zone));
    if (unknown.length > 0) return Response.json({ error: `unknown time zone ${unknown.join(", ")}` }, { status: 400 });

    const slots: string[] = [];
    for (let slot = 0; slot < SLOTS_PER_WEEK; slot++) {
      const everyoneWorking = zones.every((zone) => {
        const hour = hours.get(zone)![slot]!;
        return hour >= 9 && hour < 17;
      });
      if (everyoneWorking) slots.push(new Date(weekStart + slot * SLOT_MS).toISOString());
    }
    return Response.json({ zones, week, slots });
  },
} satisfies ExportedHandler<Env>;
