import { previewNote } from "@/lib/notes/api.server";
import { appContext } from "@/lib/notes/context.server";

// POST /api/notes/preview {body}: the body rendered exactly as a published note would be.
export const dynamic = "force-dynamic";

export const POST = (request: Request) => previewNote(request, appContext);
