import { markWorked } from "@/lib/notes/api.server";
import { appContext } from "@/lib/notes/context.server";

// POST /api/notes/worked {article, cause, version?}: "this fix worked for me".
export const dynamic = "force-dynamic";

export const POST = (request: Request) => markWorked(request, appContext);
