import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, userSessions } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";
import { uuidSchema } from "@/lib/validation";
import { isAdmin, requireConsoleReader } from "./access";
import { recordAudit } from "./audit";

/** How long one recorded preview may be browsed (its tabs, a reload) before the admin asks again. */
export const PREVIEW_LIFETIME_MS = 30 * 60_000;

/**
 * The user an admin asks to view the dashboard as: the user's own viewer, resolved like any
 * request's, for read-only rendering. Reading it records nothing; startViewAs does.
 */
export async function viewAsTarget(admin: Viewer, userId: string): Promise<Viewer> {
  if (!isAdmin(admin)) throw new Forbidden("Only an admin may view the dashboard as another user");
  requireConsoleReader(admin);
  if (!uuidSchema.safeParse(userId).success) throw new NotFound("No such user");
  const target = await loadViewerById(await getDb(), userId);
  if (!target) throw new NotFound("No such active user");
  return target;
}

/**
 * Starts a preview as another user, on the admin's explicit request (a POST): records it in the
 * audit log and answers the audit row's id, which names the preview while it is browsed.
 */
export async function startViewAs(admin: Viewer, userId: string): Promise<{ target: Viewer; previewId: string }> {
  const target = await viewAsTarget(admin, userId);
  const previewId = await withViewer(admin, async (tx) => {
    // The admin's session row says a preview is open in it, for as long as it may be browsed.
    if (admin.sessionId) {
      await tx
        .update(userSessions)
        .set({
          viewAsUserId: target.id,
          viewAsUntil: sql`now() + make_interval(secs => ${PREVIEW_LIFETIME_MS / 1000})`,
        })
        .where(and(eq(userSessions.id, admin.sessionId), eq(userSessions.userId, admin.id)));
    }
    return recordAudit(tx, admin, {
      action: "user.view_as",
      targetType: "user",
      targetId: target.id,
      targetLabel: target.username,
      before: null,
      after: null,
    });
  });
  return { target, previewId };
}

/**
 * The page of a preview: the target, and the preview's id when this admin started it (and the
 * audit log recorded it) within the last PREVIEW_LIFETIME_MS, else null. A mere link to the page,
 * from anywhere, shows no preview and records nothing: the page asks the admin to start one.
 */
export async function openViewAs(
  admin: Viewer,
  userId: string,
  previewId: string | undefined,
  now = new Date(),
): Promise<{ target: Viewer; previewId: string | null }> {
  const target = await viewAsTarget(admin, userId);
  if (!previewId || !uuidSchema.safeParse(previewId).success) return { target, previewId: null };
  const since = new Date(now.getTime() - PREVIEW_LIFETIME_MS);
  const started = await withViewer(admin, (tx) =>
    tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.id, previewId),
          eq(auditLog.action, "user.view_as"),
          eq(auditLog.actorId, admin.id),
          eq(auditLog.targetId, target.id),
          gt(auditLog.createdAt, since),
        ),
      )
      .limit(1),
  );
  return { target, previewId: started.length ? previewId : null };
}
