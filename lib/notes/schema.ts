import type { Insertable, Selectable } from "kysely";

// The store's tables, one type per table. Times are epoch milliseconds (bigint in PostgreSQL,
// integer in SQLite) and flags are 0/1 integers, so both dialects hold exactly the same values and
// an export from one imports into the other unchanged.

export type NoteStatus = "pending" | "approved" | "rejected";

export type NotesTable = {
  id: string;
  article: string;
  /** 1-based cause number (`#cause-2` is 2), null for a note on the article as a whole */
  cause: number | null;
  name: string | null;
  platform: string | null;
  runtime: string | null;
  library: string | null;
  body: string;
  /** hash of the body after normalising case and spacing: duplicates are refused by a unique index */
  body_key: string;
  status: NoteStatus;
  /** why a note waits for review ("link from a first-time poster", "spam: ...") */
  queue_reason: string | null;
  /** 1 while hidden by readers' reports and not yet reviewed */
  hidden: number;
  reports: number;
  up: number;
  down: number;
  /** keyed hash of the poster's address: rate limits and "first-time poster", never the address */
  client: string;
  /** SHA-256 of the secret in the poster's HttpOnly cookie */
  owner_key: string;
  created_at: number;
  edited_at: number | null;
  reviewed_at: number | null;
};

export type WorkedTable = {
  id: string;
  article: string;
  cause: number;
  version: string | null;
  client: string;
  created_at: number;
};

export type VotesTable = {
  note_id: string;
  client: string;
  value: number;
  created_at: number;
};

export type ReportsTable = {
  id: string;
  note_id: string;
  client: string;
  reason: string;
  detail: string | null;
  created_at: number;
  /** set when a moderator reviewed the note; resolved reports no longer count towards hiding */
  resolved_at: number | null;
};

export type AuditTable = {
  id: string;
  at: number;
  actor: string;
  action: string;
  note_id: string | null;
  article: string | null;
  detail: string | null;
};

export type RateLimitsTable = {
  key: string;
  window_start: number;
  count: number;
};

export type SettingsTable = {
  key: string;
  value: string;
};

export type Database = {
  notes: NotesTable;
  worked: WorkedTable;
  votes: VotesTable;
  reports: ReportsTable;
  audit_log: AuditTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
};

export type NoteRow = Selectable<NotesTable>;
export type NewNoteRow = Insertable<NotesTable>;
export type WorkedRow = Selectable<WorkedTable>;
export type VoteRow = Selectable<VotesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type AuditRow = Selectable<AuditTable>;
