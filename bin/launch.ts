// What every command shares and the launcher sets: the exit codes, the usage text, and how this
// process was started. No imports beyond node:path, so `deadline --version` loads nothing else.
import path from "node:path";

export const EXIT = { ok: 0, timeout: 1, error: 2, usage: 64 } as const;

/**
 * The flags each command reads (its parser takes these and no others), so the usage text below
 * can be checked against them: a flag a command accepts is a flag its --help names.
 */
export const FLAGS = {
  simulate: {
    valued: ["platform", "plan", "timeout", "handler", "event", "latency", "respond", "model", "cost", "rules", "env", "env-file", "python-path", "concurrency"],
    booleans: ["json", "no-project", "help"],
  },
  check: { valued: ["config", "max-share", "workers", "reporter"], booleans: ["json", "init", "help"] },
  platforms: { valued: [], booleans: ["json", "help"] },
  search: { valued: ["limit"], booleans: ["json", "help"] },
  notes: { valued: [], booleans: ["dry-run", "help"] },
} as const satisfies Record<string, { valued: readonly string[]; booleans: readonly string[] }>;

export type Command = keyof typeof FLAGS;

const COMMANDS: Record<Command, string> = {
  simulate: `  deadline simulate <file> [options]     run a handler on a platform's simulated clock
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
    --concurrency <n>                    n copies of the event reach the server at once (Python apps on
                                         gunicorn and heroku, 1 to 50): one row per request
    --json                               print the result as one JSON object
    --help                               this text`,
  check: `  deadline check [options]               every handler in deadline.config.json against its events
    --config <file>                      another config file (a package.json reads its "deadline" key)
    --max-share <share>                  fail a run that uses more of its limit than this (default 80%)
    --workers <n>                        worker threads (default: one per core)
    --reporter human|json|junit|github[=<file>]   repeatable; to stdout, or to the file given
    --json                               the same as --reporter json
    --init                               write a starter deadline.config.json from the handlers found here
    --help                               this text`,
  platforms: `  deadline platforms [--json]            the presets, their plans and limits
    --json                               one JSON array
    --help                               this text`,
  search: `  deadline search [<query>] [options]    the articles matching a pasted error; reads stdin when no query
    --limit <n>                          at most n results (1 to 50, default 5)
    --json                               one JSON array
    --help                               this text`,
  notes: `  deadline notes export > f.jsonl        the community notes store (DATABASE_URL or DEADLINE_DB) as JSON Lines
  deadline notes import [<file>] [--dry-run]   rows from an export (or stdin); rows already there are kept
    --dry-run                            validate every line, write nothing
    --help                               this text`,
};

const EXITS: Record<Command, string> = {
  simulate: "exit codes: 0 finished, 1 timed out, 2 the handler failed, 64 a usage error",
  check: "exit codes: 0 every run passed; 1 any timed out, failed or used more than --max-share of its limit; 64 a usage or config error",
  platforms: "exit codes: 0, or 64 for a usage error",
  search: "exit codes: 0 found, 1 no article matches, 64 a usage error",
  notes: "exit codes: 0 done, 2 a damaged import (nothing written), 64 a usage error",
};

export const isCommand = (name: string | undefined): name is Command => name !== undefined && Object.hasOwn(FLAGS, name);

/** One command's usage: its synopsis, every flag it reads, its exit codes. */
export function usageOf(command: Command): string {
  return `usage:\n${COMMANDS[command]}\n${EXITS[command]}`;
}

export const USAGE = `usage:
${Object.values(COMMANDS).join("\n")}
  deadline --version                     the version, and whether the bundle (dist/cli) or the TypeScript runs
  deadline <command> --help              one command's usage
exit codes: 0 finished, 1 timed out, 2 the handler failed, 64 a usage error
  (check: 0 every run passed, 1 any timed out, failed or used more than --max-share of its limit;
   search: 1 when no article matches)`;


/** How bin/deadline.mjs started this process: the bundle in dist/cli, or the TypeScript through tsx. */
export type Launch = { via: "bundle" | "tsx"; root: string; build?: string; builtAt?: string; reason?: string };

export function launchInfo(): Launch {
  const launch = (globalThis as { deadlineLaunch?: Launch }).deadlineLaunch;
  // Imported without bin/deadline.mjs (a test calling main): the TypeScript, from this checkout.
  return launch ?? { via: "tsx", root: path.resolve(import.meta.dirname, ".."), reason: "started without bin/deadline.mjs" };
}
