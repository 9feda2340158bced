// Prints the JavaScript a page loads before anyone interacts with it: every script response,
// its bytes on the wire (compressed as served) and decoded. Needs `npm run build` first.
//   npx tsx bench/page-weight.ts [/errors/runpod-handler-timeout ...]
import { withSite } from "./lib/serve";

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/errors/runpod-handler-timeout"];
await withSite(async (origin, browser) => {
  for (const path of paths) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const client = await context.newCDPSession(page);
    await client.send("Network.enable");
    const scripts = new Map<string, { url: string; encoded: number; decoded: number }>();
    client.on("Network.responseReceived", (e) => {
      if (e.type === "Script") scripts.set(e.requestId, { url: e.response.url, encoded: 0, decoded: 0 });
    });
    client.on("Network.dataReceived", (e) => {
      const s = scripts.get(e.requestId);
      if (s) s.decoded += e.dataLength;
    });
    client.on("Network.loadingFinished", (e) => {
      const s = scripts.get(e.requestId);
      if (s) s.encoded = e.encodedDataLength;
    });
    await page.goto(`${origin}${path}`, { waitUntil: "networkidle" });
    const list = [...scripts.values()];
    const kb = (n: number) => (n / 1024).toFixed(1);
    const encoded = list.reduce((a, s) => a + s.encoded, 0);
    const decoded = list.reduce((a, s) => a + s.decoded, 0);
    const heavy = list.filter((s) => /monaco|pyodide/i.test(s.url));
    console.log(`${path}: ${list.length} scripts, ${kb(encoded)} KiB transferred (gzip as served), ${kb(decoded)} KiB decoded${heavy.length ? `, INCLUDES ${heavy.map((s) => s.url).join(", ")}` : ", no Monaco or Pyodide"}`);
    await context.close();
  }
});
