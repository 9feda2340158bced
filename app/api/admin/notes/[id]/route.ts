import { adminModerate } from "@/lib/notes/admin-api.server";
import { appContext } from "@/lib/notes/context.server";

// POST {action: approve | reject | delete}: a signed-in moderator's decision, audit-logged.
export const dynamic = "force-dynamic";

export const POST = async (request: Request, { params }: { params: Promise<{ id: string }> }) => adminModerate(request, appContext, (await params).id);
