import { createNote, listNotes } from "@/lib/notes/api.server";
import { appContext } from "@/lib/notes/context.server";

// GET  /api/notes?article=<slug>   the article's published notes (rendered) and "worked for me" counts
// POST /api/notes                   a new note: a form (303 to the note's page) or JSON (201)
// The rules live in lib/notes/api.server.ts; README "Community notes" lists the limits.
export const dynamic = "force-dynamic";

export const GET = (request: Request) => listNotes(request, appContext);
export const POST = (request: Request) => createNote(request, appContext);
