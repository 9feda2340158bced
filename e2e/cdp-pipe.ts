// A Chromium driven over the DevTools protocol directly (--remote-debugging-pipe), for the one
// journey Playwright cannot follow: a runner frame whose process dies. Playwright treats a crash
// of any out-of-process iframe as a crash of the whole page (its FrameSession listens for
// Inspector.targetCrashed on every frame's session and calls page._didCrash(), after which each
// call on the page throws "Page crashed"), although Chromium keeps the page alive and shows a
// sad frame in the iframe's box only. Here the page's own session is the only one we read from,
// so the page's fate is what we observe.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

type Message = { id?: number; method?: string; params?: Record<string, unknown>; sessionId?: string; result?: Record<string, unknown>; error?: { message: string } };
export type CdpEvent = { method: string; params: Record<string, unknown>; sessionId: string | undefined };

/** The browser playwright.config.ts drives, with the same flags. */
function executable(): string {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : chromium.executablePath();
}

export class PipeBrowser {
  private buffer = "";
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void }>();
  private readonly listeners: Array<(event: CdpEvent) => void> = [];
  private constructor(
    private readonly process: ChildProcess,
    private readonly profile: string,
  ) {
    const out = process.stdio[4] as NodeJS.ReadableStream;
    out.on("data", (chunk: Buffer) => this.receive(chunk.toString()));
    // Once the browser is gone its pipes reset: nothing is waiting for them any more.
    out.on("error", () => undefined);
    (process.stdio[3] as NodeJS.WritableStream).on("error", () => undefined);
    process.on("exit", () => {
      this.closed = true;
      for (const { resolve } of this.pending.values()) resolve({ error: { message: "the browser exited" } });
      this.pending.clear();
    });
  }

  private closed = false;

  static launch(): PipeBrowser {
    const profile = mkdtempSync(join(tmpdir(), "deadline-cdp-"));
    const args = ["--headless=new", "--remote-debugging-pipe", `--user-data-dir=${profile}`, "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []), "about:blank"];
    const child = spawn(executable(), args, { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
    return new PipeBrowser(child, profile);
  }

  private receive(text: string) {
    this.buffer += text;
    for (let end = this.buffer.indexOf("\0"); end >= 0; end = this.buffer.indexOf("\0")) {
      const message = JSON.parse(this.buffer.slice(0, end)) as Message;
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        this.pending.get(message.id)?.resolve(message);
        this.pending.delete(message.id);
      } else if (message.method) {
        for (const listener of this.listeners) listener({ method: message.method, params: message.params ?? {}, sessionId: message.sessionId });
      }
    }
  }

  on(listener: (event: CdpEvent) => void) {
    this.listeners.push(listener);
  }

  async send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.closed) throw new Error(`${method}: the browser exited`);
    const id = this.nextId++;
    const reply = await new Promise<Message>((resolve) => {
      this.pending.set(id, { resolve });
      (this.process.stdio[3] as NodeJS.WritableStream).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as T;
  }

  /** A new tab, attached with a flat session; its frames and workers are attached to as well. */
  async newPage(): Promise<PipePage> {
    const { targetId } = await this.send<{ targetId: string }>("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send<{ sessionId: string }>("Target.attachToTarget", { targetId, flatten: true });
    return new PipePage(this, sessionId);
  }

  /** Ends the browser and, once it has exited (it writes its profile until then), removes the profile. */
  async close() {
    const exited = this.process.exitCode !== null || this.process.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    const wait = (ms: number) => Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
    // Asked to close, Chromium ends its helper processes and finishes writing its profile first;
    // killed, a helper may still be writing it a moment after the browser has exited.
    await Promise.race([this.send("Browser.close").catch(() => undefined), wait(2000)]);
    this.closed = true;
    if (!(await wait(5000))) {
      this.process.kill();
      await wait(5000);
    }
    try {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (error) {
      // a temporary profile left behind is not the test's failure
      console.warn(`could not remove ${this.profile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export class PipePage {
  /** every request any of the page's sessions (its frames, their workers) reported */
  readonly requests: { url: string; fromPage: boolean }[] = [];
  /** sessions of the page's frames and workers that crashed */
  readonly crashed: string[] = [];
  private pageCrashed = false;

  constructor(
    private readonly browser: PipeBrowser,
    readonly sessionId: string,
  ) {
    const mine = new Set([sessionId]);
    browser.on((event) => {
      if (event.method === "Target.attachedToTarget" && event.sessionId && mine.has(event.sessionId)) {
        const child = (event.params as { sessionId: string }).sessionId;
        mine.add(child);
        void this.watch(child).catch(() => undefined);
      }
      if (!event.sessionId || !mine.has(event.sessionId)) return;
      if (event.method === "Network.requestWillBeSent") {
        const url = (event.params as { request: { url: string } }).request.url;
        this.requests.push({ url, fromPage: event.sessionId === sessionId });
      }
      if (event.method === "Inspector.targetCrashed") {
        if (event.sessionId === sessionId) this.pageCrashed = true;
        else this.crashed.push(event.sessionId);
      }
    });
  }

  async open(url: string) {
    await this.watch(this.sessionId);
    await this.browser.send("Page.enable", {}, this.sessionId);
    await this.browser.send("Page.navigate", { url }, this.sessionId);
  }

  private async watch(session: string) {
    await this.browser.send("Inspector.enable", {}, session);
    await this.browser.send("Network.enable", {}, session);
    await this.browser.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, session);
    if (session !== this.sessionId) await this.browser.send("Runtime.runIfWaitingForDebugger", {}, session).catch(() => undefined);
  }

  get crashedItself() {
    return this.pageCrashed;
  }

  /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
  async evaluate<T>(expression: string, timeoutMs = 30_000): Promise<T> {
    const reply = await this.browser.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      "Runtime.evaluate",
      { expression, awaitPromise: true, returnByValue: true, timeout: timeoutMs },
      this.sessionId,
    );
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value as T;
  }

  /** Waits until the expression is truthy in the page. */
  async waitFor(expression: string, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await this.evaluate<boolean>(`!!(${expression})`).catch(() => false)) return;
      if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
