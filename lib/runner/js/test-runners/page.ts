// Playwright's `page` fixture, modelled: there is no browser, so what the page holds and when it
// is ready comes from the world rules, never from the test. Each call is a "modelled" span that
// takes the seconds of the cost rule naming it:
//   page.goto                                            a navigation (0 s with no rule)
//   page.getByRole('button', { name: 'Place order' }).click     an action on a locator
//   expect(getByRole('status')).toHaveText               an assertion on a locator
// Names are written the way Playwright prints locators (single quotes, `{ name: ... }`), and a
// trailing `()` is allowed. A locator no cost rule names is not on the page: an action on it waits
// (as Playwright's auto-wait does for an element that never appears) until its own timeout, if it
// has one, else until the test timeout ends it; an assertion on it fails at the expect timeout.

import { PLAYWRIGHT_EXPECT_TIMEOUT_MS } from "../../platforms/test-runners";
import { captureSite, markErrorSite, type RunContext } from "../run-context";
import type { SpanDraft } from "../virtual-loop";
import { show } from "./expect";

type Options = { timeout?: number } & Record<string, unknown>;

/** An action still waiting for its element: what the test timeout interrupts. */
export type PendingAction = { api: string; locator: string; site: Error; reject: (error: Error) => void; span: SpanDraft | null };

export type PageConfig = { actionTimeout: number; navigationTimeout: number; expectTimeout: number };

/** Playwright's string quoting in locators: single quotes, backslash escapes. */
function quote(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  return `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function optionsText(options: unknown): string {
  if (!options || typeof options !== "object") return "";
  const entries = Object.entries(options as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "";
  return `, { ${entries.map(([k, v]) => `${k}: ${typeof v === "string" || v instanceof RegExp ? quote(v) : String(v)}`).join(", ")} }`;
}

export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TimeoutError";
  }
}

const ACTIONS = ["click", "dblclick", "fill", "press", "pressSequentially", "type", "check", "uncheck", "setChecked", "hover", "tap", "focus", "blur", "selectOption", "setInputFiles", "clear", "dragTo", "scrollIntoViewIfNeeded", "selectText", "dispatchEvent", "waitFor"] as const;
const READS = ["textContent", "innerText", "innerHTML", "inputValue", "getAttribute", "allTextContents", "allInnerTexts", "boundingBox", "screenshot", "evaluate", "evaluateAll", "ariaSnapshot"] as const;
const LOCATOR_MAKERS = ["locator", "getByRole", "getByText", "getByTestId", "getByLabel", "getByPlaceholder", "getByAltText", "getByTitle"] as const;

/** Assertions on a locator or page, and the expectation Playwright prints for each. */
const ASSERTIONS: Record<string, (args: unknown[]) => { expected: string; arg: string }> = {
  toBeVisible: () => ({ expected: "visible", arg: "" }),
  toBeHidden: () => ({ expected: "hidden", arg: "" }),
  toBeEnabled: () => ({ expected: "enabled", arg: "" }),
  toBeDisabled: () => ({ expected: "disabled", arg: "" }),
  toBeEditable: () => ({ expected: "editable", arg: "" }),
  toBeChecked: () => ({ expected: "checked", arg: "" }),
  toBeFocused: () => ({ expected: "focused", arg: "" }),
  toBeAttached: () => ({ expected: "attached", arg: "" }),
  toBeEmpty: () => ({ expected: "empty", arg: "" }),
  toBeInViewport: () => ({ expected: "in viewport", arg: "" }),
  toHaveText: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toContainText: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toHaveValue: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toHaveCount: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toHaveAttribute: (a) => ({ expected: show(a[1] ?? a[0]), arg: "expected" }),
  toHaveClass: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toHaveId: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toHaveURL: (a) => ({ expected: show(a[0]), arg: "expected" }),
  toHaveTitle: (a) => ({ expected: show(a[0]), arg: "expected" }),
};

const MODELLED_BRAND = Symbol("deadline.playwright.modelled");

export type Modelled = { [MODELLED_BRAND]: { kind: "page" | "locator"; text: string } };

export function modelledTarget(value: unknown): { kind: "page" | "locator"; text: string } | null {
  return typeof value === "object" && value !== null && MODELLED_BRAND in value ? (value as Modelled)[MODELLED_BRAND] : null;
}

export class PageModel {
  readonly pending = new Set<PendingAction>();
  /** locators the test used that no cost rule names: said in the result's notes */
  readonly unnamed = new Set<string>();
  private defaultTimeout: number | null = null;
  private defaultNavigationTimeout: number | null = null;
  private url = "about:blank";
  readonly page: object;

  constructor(
    private readonly ctx: RunContext,
    private readonly config: PageConfig,
  ) {
    this.page = this.makePage();
  }

  /** Ends every waiting action with `${api}: ${message}` (the context closing); returns the latest. */
  interrupt(message: string): PendingAction | null {
    let latest: PendingAction | null = null;
    for (const action of this.pending) {
      latest = action;
      if (action.span) {
        action.span.endMs = this.ctx.loop.now();
        action.span.open = false;
      }
      action.reject(this.at(new Error(`${action.api}: ${message}\nCall log:\n  - waiting for ${action.locator}`), action.site));
    }
    this.pending.clear();
    return latest;
  }

  /** An error the page raises points at the test's call that waited, not at the engine. */
  private at(error: Error, site: Error): Error {
    markErrorSite(this.ctx, error, site);
    return error;
  }

  private cost(names: string[]) {
    return this.ctx.costs.costOf(names.flatMap((name) => [name, `${name}()`]));
  }

  /** A modelled call taking its cost rule's seconds (0 without one), up to `timeoutMs` (0: none). */
  private timed(label: string, names: string[], site: Error, timeoutMs: number, onTimeout: () => Error): Promise<void> {
    const { loop } = this.ctx;
    const cost = this.cost(names);
    const ms = (cost?.seconds ?? 0) * 1000;
    const late = timeoutMs > 0 && ms > timeoutMs;
    const end = loop.now() + (late ? timeoutMs : ms);
    loop.addSpan({ kind: "modelled", startMs: loop.now(), endMs: end, site, label: `modelled: ${label}`, ...(cost ? { cost: cost.pattern } : {}), open: true });
    return new Promise((resolve, reject) => {
      loop.schedule({ kind: "modelled", delay: end - loop.now(), site, run: () => (late ? reject(this.at(onTimeout(), site)) : resolve()) });
    });
  }

  /** An action on a locator: ready after its cost rule's seconds; never, when no rule names it. */
  private act(locator: string, method: string, options: Options | undefined, site: Error): Promise<void> {
    const api = `locator.${method}`;
    const names = [`page.${locator}.${method}`, `${locator}.${method}`, api];
    const timeout = options?.timeout ?? this.defaultTimeout ?? this.config.actionTimeout;
    const timeoutError = () => new TimeoutError(`${api}: Timeout ${timeout}ms exceeded.\nCall log:\n  - waiting for ${locator}`);
    if (this.cost(names)) return this.timed(`page.${locator}.${method}`, names, site, timeout, timeoutError);
    this.unnamed.add(locator);
    return this.never(api, locator, site, timeout, timeoutError, `waiting for ${locator}`);
  }

  /**
   * Waiting for an element that is not on the page: fails at `timeout` when there is one, else
   * stays pending until the test ends and interrupts it.
   */
  private never(api: string, locator: string, site: Error, timeout: number, timeoutError: () => Error, label: string): Promise<void> {
    const { loop } = this.ctx;
    const span = loop.addSpan({ kind: "timer", startMs: loop.now(), endMs: timeout > 0 ? loop.now() + timeout : Number.MAX_SAFE_INTEGER, site, label: `${label} (no cost rule names it: not on the modelled page)`, open: true });
    return new Promise((_resolve, reject) => {
      const action: PendingAction = { api, locator, site, reject, span };
      this.pending.add(action);
      if (!(timeout > 0)) return;
      loop.schedule({
        kind: "timeout",
        delay: timeout,
        site,
        run: () => {
          if (!this.pending.delete(action)) return;
          if (span) span.open = false;
          reject(this.at(timeoutError(), site));
        },
      });
    });
  }

  /** expect(locator | page).toX(): passes after its cost rule's seconds when within the expect timeout. */
  assertion(target: { kind: "page" | "locator"; text: string }, matcher: string, args: unknown[], site: Error): Promise<void> {
    const describe = ASSERTIONS[matcher];
    if (!describe) throw new Error(`expect(${target.kind}).${matcher}() is not simulated on the modelled page`);
    const options = (args.find((a) => typeof a === "object" && a !== null && !(a instanceof RegExp) && !Array.isArray(a)) ?? {}) as Options;
    const timeout = options.timeout ?? this.config.expectTimeout;
    const subject = target.kind === "page" ? "page" : target.text;
    const names = [`expect(${subject}).${matcher}`, `${target.kind === "page" ? "page" : `page.${target.text}`}.${matcher}`, `${subject}.${matcher}`];
    const { expected, arg } = describe(args);
    const found = this.cost(names) !== null;
    if (!found && target.kind === "locator") this.unnamed.add(target.text);
    // matcherHint.ts formatMatcherMessage; toBeTruthy.ts: "Expected: visible" with "Error: element(s) not found" (frames.ts)
    const failure = () =>
      new Error(
        `expect(${target.kind}).${matcher}(${arg}) failed\n\n` +
          (target.kind === "locator" ? `Locator: ${target.text}\n` : "") +
          `Expected: ${expected}\nTimeout: ${timeout}ms\n` +
          (found || target.kind === "page" ? "" : "Error: element(s) not found\n") +
          `\nCall log:\n  - Expect "${matcher}" with timeout ${timeout}ms\n` +
          (target.kind === "locator" ? `  - waiting for ${target.text}\n` : ""),
      );
    const label = `expect(${subject}).${matcher}`;
    if (!found) return this.never(`expect.${matcher}`, target.text, site, timeout, failure, label);
    return this.timed(label, names, site, timeout, failure);
  }

  private locator(text: string): object {
    const chain = (maker: string) => (value: unknown, options?: unknown) => this.locator(`${text}.${maker}(${quote(value)}${optionsText(options)})`);
    const locator: Record<string | symbol, unknown> = { [MODELLED_BRAND]: { kind: "locator", text }, toString: () => text };
    for (const maker of LOCATOR_MAKERS) locator[maker] = chain(maker);
    locator.first = () => this.locator(`${text}.first()`);
    locator.last = () => this.locator(`${text}.last()`);
    locator.nth = (index: unknown) => this.locator(`${text}.nth(${Number(index)})`);
    locator.filter = (options?: unknown) => this.locator(`${text}.filter(${optionsText(options).replace(/^, /, "")})`);
    for (const action of ACTIONS) locator[action] = (...args: unknown[]) => this.act(text, action, args.find((a) => typeof a === "object" && a !== null) as Options | undefined, captureSite());
    for (const read of READS) {
      locator[read] = () =>
        Promise.reject(new Error(`locator.${read}() is not simulated: the modelled page knows when ${text} is ready (from cost rules), not what it holds; assert on it with expect(locator) and a cost rule instead`));
    }
    locator.count = () => Promise.resolve(this.cost([`page.${text}.count`, `${text}.count`]) ? 1 : 0);
    locator.isVisible = () => Promise.resolve(this.cost([`page.${text}.isVisible`, `${text}.isVisible`]) !== null);
    return locator;
  }

  private makePage(): object {
    const page: Record<string | symbol, unknown> = { [MODELLED_BRAND]: { kind: "page", text: "page" } };
    for (const maker of LOCATOR_MAKERS) page[maker] = (value: unknown, options?: unknown) => this.locator(`${maker}(${quote(value)}${optionsText(options)})`);
    page.goto = (url: unknown, options?: Options) => {
      const site = captureSite();
      const timeout = options?.timeout ?? this.defaultNavigationTimeout ?? this.defaultTimeout ?? this.config.navigationTimeout;
      this.url = String(url);
      return this.timed(`page.goto(${quote(url)})`, ["page.goto", `page.goto(${quote(url)})`], site, timeout, () => new TimeoutError(`page.goto: Timeout ${timeout}ms exceeded.\nCall log:\n  - navigating to "${String(url)}", waiting until "load"`)).then(() => null);
    };
    for (const wait of ["waitForLoadState", "waitForURL", "reload", "goBack", "goForward"]) {
      page[wait] = (arg?: unknown, options?: Options) => {
        const timeout = (typeof arg === "object" && arg !== null ? (arg as Options).timeout : options?.timeout) ?? this.defaultNavigationTimeout ?? this.defaultTimeout ?? this.config.navigationTimeout;
        return this.timed(`page.${wait}`, [`page.${wait}`], captureSite(), timeout, () => new TimeoutError(`page.${wait}: Timeout ${timeout}ms exceeded.`)).then(() => null);
      };
    }
    page.waitForTimeout = (ms: unknown) => new Promise<void>((resolve) => this.ctx.loop.schedule({ kind: "timeout", delay: Number(ms) || 0, site: captureSite(), span: { kind: "timer", label: `page.waitForTimeout(${Number(ms) || 0})` }, run: resolve }));
    page.waitForSelector = (selector: unknown, options?: Options) => this.act(`locator(${quote(selector)})`, "waitFor", options, captureSite()).then(() => null);
    for (const action of ["click", "dblclick", "fill", "press", "check", "uncheck", "hover", "tap", "focus", "type", "selectOption"]) {
      page[action] = (selector: unknown, ...rest: unknown[]) => this.act(`locator(${quote(selector)})`, action, rest.find((a) => typeof a === "object" && a !== null) as Options | undefined, captureSite());
    }
    page.setDefaultTimeout = (ms: unknown) => void (this.defaultTimeout = Number(ms));
    page.setDefaultNavigationTimeout = (ms: unknown) => void (this.defaultNavigationTimeout = Number(ms));
    page.url = () => this.url;
    page.close = () => Promise.resolve();
    page.isClosed = () => false;
    return new Proxy(page, {
      get: (target, key) => {
        if (key in target || typeof key === "symbol" || key === "then") return target[key];
        return () => {
          throw new Error(`page.${key}() is not simulated: the modelled page has navigation (goto, waitForLoadState), locators with their actions, and expect() assertions, each taking the time a cost rule gives`);
        };
      },
    });
  }
}

export { PLAYWRIGHT_EXPECT_TIMEOUT_MS };
