// What every command shares and the launcher sets: the exit codes, the usage text, and how this
// process was started. No imports beyond node:path, so `deadline --version` loads nothing else.
import path from "node:path";

export const EXIT = { ok: 0, timeout: 1, error: 2, usage: 64 } as const;

export const USAGE = `usage:
  deadline simulate <file> [options]     run a handler on a platform's simulated clock
    --platform <id>                      preset (see deadline platforms); inferred from the code when absent
    --plan <id>                          the platform's plan or mode, e.g. pro-fluid, paid, background
    --timeout <seconds>                  the limit, in seconds of the platform's clock
    --handler <name>                     the entry point a deploy config names (endpoint, handler.endpoint)
    --event <json>|@<file>               the event / job input; @file takes sample-event files as they are
    --latency <host>=<seconds>           how long a host takes to answer (*.example.com, * for the rest)
    --respond '<METHOD url> => <answers>'  what a URL answers: 200 {"ok": true}; 3x 503; from 45s 200 ...
    --model <module>[,<module>]          modules present but not run: their calls are modelled
    --cost <pattern>=<seconds>           how long a modelled call takes: diffusers.*.from_pretrained=40
    --rules <json>|@<file.json|yaml>     latency, responses, model and cost rules in one file
    --env KEY=VALUE                      an environment variable (a secret, a setting); repeatable
    --env-file <file>                    KEY=VALUE lines, as a .env file holds them
    --python-path <dir>                  a virtualenv's site-packages, for pure-Python packages
    --no-project                         do not load sibling modules or node_modules from the file's folder
    --json                               print the result as one JSON object
  deadline check [options]               every handler in deadline.config.json against its events
    --config <file>                      another config file (a package.json reads its "deadline" key)
    --max-share <share>                  fail a run that uses more of its limit than this (default 80%)
    --workers <n>                        worker threads (default: one per core)
    --reporter human|json|junit|github[=<file>]   repeatable; to stdout, or to the file given
    --json                               the same as --reporter json
    --init                               write a starter deadline.config.json from the handlers found here
  deadline platforms [--json]            the presets, their plans and limits
  deadline search [<query>] [--limit <n>] [--json]      reads the query from stdin when none is given
  deadline notes export > f.jsonl | import [<file>] [--dry-run]   the community notes store as JSON Lines
  deadline --version                     the version, and whether the bundle (dist/cli) or the TypeScript runs
exit codes: 0 finished, 1 timed out, 2 the handler failed, 64 a usage error
  (check: 0 every run passed, 1 any timed out, failed or used more than --max-share of its limit)`;


/** How bin/deadline.mjs started this process: the bundle in dist/cli, or the TypeScript through tsx. */
export type Launch = { via: "bundle" | "tsx"; root: string; build?: string; builtAt?: string; reason?: string };

export function launchInfo(): Launch {
  const launch = (globalThis as { deadlineLaunch?: Launch }).deadlineLaunch;
  // Imported without bin/deadline.mjs (a test calling main): the TypeScript, from this checkout.
  return launch ?? { via: "tsx", root: path.resolve(import.meta.dirname, ".."), reason: "started without bin/deadline.mjs" };
}
