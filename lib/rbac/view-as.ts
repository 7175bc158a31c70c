import "server-only";
import { getDb } from "@/db/client";
import { withViewer } from "@/db/scoped";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation";
import { isAdmin } from "./access";
import { recordAudit } from "./audit";

/**
 * Lets an admin preview the dashboard exactly as another user sees it: the user's own viewer,
 * resolved like any request's, for read-only rendering. Each preview is recorded in the audit log.
 */
export async function viewAs(admin: Viewer, userId: string): Promise<Viewer> {
  if (!isAdmin(admin)) throw new Forbidden("Only an admin may view the dashboard as another user");
  if (!uuidSchema.safeParse(userId).success) throw new NotFound("No such user");
  const target = await loadViewerById(await getDb(), userId);
  if (!target) throw new NotFound("No such active user");
  await withViewer(admin, (tx) =>
    recordAudit(tx, admin, {
      action: "user.view_as",
      targetType: "user",
      targetId: target.id,
      targetLabel: target.username,
      before: null,
      after: null,
    }),
  );
  return target;
}
