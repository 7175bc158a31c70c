import { getViewer } from "@/lib/auth/viewer";
import { errorResponse, json, searchParamsOf } from "@/lib/http";
import { suggestOwners } from "@/lib/sales/queries";

// The sales page's owner filter as one types: `?q=` a part of a name or username, answered with
// `{ owners, more }`, a few people owning a sale the signed-in viewer may list and whether more
// match. The session's own door (the Bearer API never reads cookies); the scope is checked in
// lib/, as everywhere.
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await getViewer();
    if (!viewer) return json({ detail: "Your session has ended: sign in again" }, 401);
    return json(await suggestOwners(viewer, searchParamsOf(request)));
  } catch (error) {
    return errorResponse(error);
  }
}
