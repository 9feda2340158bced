import { ownerAction } from "@/lib/notes/api.server";
import { appContext } from "@/lib/notes/context.server";

// The poster's own note, for 15 minutes: POST (a form, intent=edit|delete), PATCH (JSON edit),
// DELETE. The poster is known by the secret in the note's HttpOnly cookie.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export const POST = async (request: Request, { params }: Params) => ownerAction(request, appContext, (await params).id, "POST");
export const PATCH = async (request: Request, { params }: Params) => ownerAction(request, appContext, (await params).id, "PATCH");
export const DELETE = async (request: Request, { params }: Params) => ownerAction(request, appContext, (await params).id, "DELETE");
