#!/usr/bin/env node
// The `deadline` command. The simulator is TypeScript shared with the browser; tsx compiles it on
// the fly so `npx deadline` works straight after `npm ci`, with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./cli.ts");
process.exitCode = await main(process.argv.slice(2));
