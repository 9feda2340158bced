import { voteNote } from "@/lib/notes/api.server";
import { appContext } from "@/lib/notes/context.server";

// POST /api/notes/:id/vote {value: "up" | "down"}: one vote per reader, changeable.
export const dynamic = "force-dynamic";

export const POST = async (request: Request, { params }: { params: Promise<{ id: string }> }) => voteNote(request, appContext, (await params).id);
