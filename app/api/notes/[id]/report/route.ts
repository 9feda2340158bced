import { reportNote } from "@/lib/notes/api.server";
import { appContext } from "@/lib/notes/context.server";

// POST /api/notes/:id/report {reason, detail?}: three distinct readers hide a note until reviewed.
export const dynamic = "force-dynamic";

export const POST = async (request: Request, { params }: { params: Promise<{ id: string }> }) => reportNote(request, appContext, (await params).id);
