import { adminLogin, adminLogout } from "@/lib/notes/admin-api.server";
import { appContext } from "@/lib/notes/context.server";

// POST {token} signs a moderator in (DEADLINE_ADMIN_TOKEN); DELETE signs out.
export const dynamic = "force-dynamic";

export const POST = (request: Request) => adminLogin(request, appContext);
export const DELETE = (request: Request) => adminLogout(request);
