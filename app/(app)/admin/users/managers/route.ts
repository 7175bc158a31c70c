import { getViewer } from "@/lib/auth/viewer";
import { errorResponse, json, searchParamsOf } from "@/lib/http";
import { suggestManagers } from "@/lib/rbac/service";

// The reporting-line form's "Reports to" as one types: `?q=` a part of a name or username and
// `&exclude=` the user being edited, answered with `{ people, more }`, a few active people and
// whether more match. The session's own door (the Bearer API never reads cookies); the permission
// is checked in lib/, as everywhere.
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await getViewer();
    if (!viewer) return json({ detail: "Your session has ended: sign in again" }, 401);
    return json(await suggestManagers(viewer, searchParamsOf(request)));
  } catch (error) {
    return errorResponse(error);
  }
}
