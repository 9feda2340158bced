import { adminLogout } from "@/lib/notes/admin-api.server";

// POST: signs a moderator out from a plain form.
export const dynamic = "force-dynamic";

export const POST = (request: Request) => adminLogout(request);
