// What a deploy config says about one handler: its limit (or none set), the plan it implies,
// the entry point it names, and where each came from, in words the report prints.

export type DeployLimit = {
  /** seconds of the platform's clock; absent when the config sets none (the plan's default applies) */
  timeout?: number;
  /** a plan the config implies (Cloudflare's cpu_ms needs Paid, a Netlify schedule is "scheduled") */
  plan?: string;
  /** the entry point the config names (serverless.yml `handler: src/orders.create` → create) */
  entry?: string;
  /** e.g. `serverless.yml functions.resize.timeout`, `template.yaml Globals.Function.Timeout (SAM's default: 3 s)` */
  source: string;
};

/** The handler as a reader needs it: its file, absolute and relative to the project root. */
export type DeployTarget = {
  /** absolute path of the handler file */
  file: string;
  /** the project root (the folder of deadline.config.json / package.json) */
  root: string;
  /** the entry point named in deadline's own config, if any */
  entry?: string;
  /** an explicit deploy config file from deadline's config (absolute), else searched for */
  config?: string;
  /** the handler's source, for limits written in the code (Modal's timeout=, Vercel's maxDuration) */
  code: string;
  plan?: string;
};

/** A deploy config that cannot be read as the check needs it: the file, the key and the reason. */
export class DeployConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${file}${key ? `: ${key}` : ""}: ${reason}`);
    this.name = "DeployConfigError";
  }
}
