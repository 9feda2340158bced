import type { Migration } from "kysely";
import * as initial from "./0001-initial";

// Imported statically rather than read from a folder at run time, so the migrations travel inside
// Next's server bundle and the CLI alike. A new migration is a new numbered file added here.
export const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
};
