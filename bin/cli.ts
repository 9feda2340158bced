// The `deadline` command line: reads the command and loads only its module, so `platforms` never
// loads the simulator and `simulate` never reads the articles.
import { readFileSync } from "node:fs";
import path from "node:path";
import { EXIT, isCommand, launchInfo, USAGE, usageOf } from "./launch";

function version(): string {
  const launch = launchInfo();
  const how =
    launch.via === "bundle"
      ? `bundled: dist/cli, build ${launch.build ?? "?"} of ${launch.builtAt ?? "?"}`
      : `TypeScript through tsx, slower to start: ${launch.reason ?? "no bundle"}${launch.reason?.startsWith("DEADLINE_CLI") ? "" : "; npm run build:cli bundles it"}`;
  const { version: number } = JSON.parse(readFileSync(path.join(launch.root, "package.json"), "utf8")) as { version: string };
  return `deadline ${number} (${how})`;
}

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  const [command, ...rest] = argv;
  // `deadline <command> --help` (or -h), and `deadline help <command>`: that command's usage.
  const helpFor = command === "help" || command === "--help" || command === "-h" ? rest[0] : rest.includes("--help") || rest.includes("-h") ? command : undefined;
  if (isCommand(helpFor)) {
    out.write(`${usageOf(helpFor)}\n`);
    return EXIT.ok;
  }
  try {
    if (command === "simulate") return await (await import("./simulate")).simulate(rest, out, err);
    if (command === "platforms") return (await import("./platforms")).platforms(rest, out);
    if (command === "search") return await (await import("./search-command")).search(rest, out, input);
    if (command === "check") return await (await import("./check")).check(rest, out, err);
    if (command === "notes") return await (await import("./notes")).notesCommand(rest, out, err, input);
    if (command === "--version" || command === "-V" || command === "version") {
      out.write(`${version()}\n`);
      return EXIT.ok;
    }
    if (command === "--help" || command === "-h" || command === "help") {
      out.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    err.write(`deadline: ${command ? `unknown command "${command}"` : "no command given"} (see deadline --help)\n`);
    return EXIT.usage;
  } catch (error) {
    // By name: importing UsageError's module here would load the platforms for every command.
    if (error instanceof Error && (error.name === "UsageError" || error.name === "ConfigError")) {
      err.write(`deadline: ${error.message} (see deadline ${isCommand(command) ? `${command} ` : ""}--help)\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
