// Access requests: anyone asks for one permission for a while; a holder of permission:update who
// holds that permission too decides. Approval makes a time-boxed direct grant linked to the
// request. Each step and its audit row commit in one transaction, the request row locked.
import "server-only";
import { and, asc, desc, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "@/db/client";
import { accessRequests, directPermissionGrants, users, type AccessRequest } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requirePermission } from "./access";
import {
  accessRequestIdParam,
  accessRequestInput,
  approveAccessRequestInput,
  denyAccessRequestInput,
  listAccessRequestsQuery,
  type AccessRequestStatus,
  type AccessRequestView,
} from "./access-request-schemas";
import { lockUser } from "./assignments";
import { recordAudit } from "./audit";
import { isRowScoped, permissionLabel, reachCovers, type Action, type Resource, type Scope } from "./catalog";
import { assertGrantDuration } from "./grant-duration";
import { databaseNow, grantView } from "./grants";

const HOUR_MS = 60 * 60 * 1000;

/** Who decides requests: holders of permission:update (admins and superusers in the demo). */
export function isApprover(viewer: Viewer): boolean {
  return viewer.can("permission", "update");
}

function requireApprover(viewer: Viewer): void {
  requirePermission(viewer, "permission", "update");
}

/** Whether the viewer holds (resource, action) over at least `scope`'s rows (row-scoped resources). */
function holds(viewer: Viewer, resource: Resource, action: Action, scope: Scope | null): boolean {
  const held = viewer.scope(resource, action);
  if (!held) return false;
  if (!isRowScoped(resource)) return true;
  return reachCovers(held, scope ?? "own");
}

/** "export:read, list" with the scope when one is asked for: how a permission is named in messages. */

const requester = alias(users, "requester");
const decider = alias(users, "decider");

async function readViews(tx: Tx, where: SQL | undefined, order: "oldest" | "newest"): Promise<AccessRequestView[]> {
  const rows = await tx
    .select({
      request: accessRequests,
      requesterUsername: requester.username,
      deciderUsername: decider.username,
      expiresAt: directPermissionGrants.expiresAt,
    })
    .from(accessRequests)
    .innerJoin(requester, eq(requester.id, accessRequests.requesterId))
    .leftJoin(decider, eq(decider.id, accessRequests.decidedById))
    .leftJoin(directPermissionGrants, eq(directPermissionGrants.id, accessRequests.grantId))
    .where(where)
    .orderBy(
      order === "oldest" ? asc(accessRequests.createdAt) : desc(accessRequests.createdAt),
      asc(accessRequests.id),
    )
    .limit(200);
  return rows.map((row) => toView(row.request, row.requesterUsername, row.deciderUsername, row.expiresAt));
}

function toView(
  row: AccessRequest,
  requesterUsername: string,
  deciderUsername: string | null,
  expiresAt: Date | null,
): AccessRequestView {
  return {
    id: row.id,
    requester_id: row.requesterId,
    requester_username: requesterUsername,
    resource: row.resource as Resource,
    actions: row.actions as Action[],
    scope: (row.scope as Scope | null) ?? null,
    reason: row.reason,
    duration_hours: row.durationHours,
    status: row.status as AccessRequestStatus,
    created_at: row.createdAt.toISOString(),
    decided_by_id: row.decidedById,
    decided_by_username: deciderUsername,
    decision_reason: row.decisionReason,
    decided_at: row.decidedAt?.toISOString() ?? null,
    grant_id: row.grantId,
    expires_at: expiresAt?.toISOString() ?? null,
  };
}

/** What the audit row keeps of a request: the permission asked for, the reason and the decision. */
function auditSnapshot(row: AccessRequest) {
  return {
    request_id: row.id,
    resource: row.resource,
    actions: row.actions,
    ...(row.scope ? { scope: row.scope } : {}),
    duration_hours: row.durationHours,
    status: row.status,
  };
}

/**
 * Files a request for one permission for `duration_hours`, for the viewer. Asking for what one
 * already holds, or for longer than the catalog allows for the resource, is refused (422).
 */
export async function createAccessRequest(viewer: Viewer, input: unknown): Promise<AccessRequestView> {
  const asked = parseInput(accessRequestInput, input);
  const scope = asked.scope ?? null;
  if (asked.actions.every((action) => holds(viewer, asked.resource, action, scope))) {
    const message = `You already have ${permissionLabel(asked.resource, asked.actions, scope)}`;
    throw new Invalid(message, [{ field: "actions", message }]);
  }
  return withViewer(viewer, async (tx) => {
    const now = await databaseNow(tx);
    assertGrantDuration(
      asked.resource,
      new Date(now.getTime() + asked.duration_hours * HOUR_MS),
      now,
      "duration_hours",
    );
    const [row] = await tx
      .insert(accessRequests)
      .values({
        requesterId: viewer.id,
        resource: asked.resource,
        actions: asked.actions,
        scope,
        reason: asked.reason,
        durationHours: asked.duration_hours,
      })
      .returning();
    if (!row) throw new Error("access request insert returned no row");
    await recordAudit(tx, viewer, {
      action: "access_request.create",
      targetType: "user",
      targetId: viewer.id,
      targetLabel: viewer.username,
      reason: asked.reason,
      before: null,
      after: auditSnapshot(row),
    });
    return toView(row, viewer.username, null, null);
  });
}

/**
 * The viewer's own requests, newest first (`view=mine`), or every pending request, oldest first
 * (`view=queue`, approvers only). Without `view`: the queue for approvers, one's own for others.
 */
export async function listAccessRequests(viewer: Viewer, query: unknown = {}): Promise<AccessRequestView[]> {
  const { view } = parseInput(listAccessRequestsQuery, query);
  const chosen = view ?? (isApprover(viewer) ? "queue" : "mine");
  if (chosen === "queue") requireApprover(viewer);
  return withViewer(viewer, (tx) =>
    chosen === "queue"
      ? readViews(tx, eq(accessRequests.status, "pending"), "oldest")
      : readViews(tx, eq(accessRequests.requesterId, viewer.id), "newest"),
  );
}

function requestIdOf(id: string): string {
  return parseInput(accessRequestIdParam, { id }, "Invalid path").id.toLowerCase();
}

/** One request: its requester's or any approver's to see; anyone else gets 404, as for a missing one. */
export async function getAccessRequest(viewer: Viewer, id: string): Promise<AccessRequestView> {
  const requestId = requestIdOf(id);
  const [found] = await withViewer(viewer, (tx) => readViews(tx, eq(accessRequests.id, requestId), "newest"));
  if (!found || (found.requester_id !== viewer.id && !isApprover(viewer)))
    throw new NotFound("Access request not found");
  return found;
}

/** The pending request, row-locked until the decision commits: a second decision waits, then finds it decided. */
async function lockPending(tx: Tx, viewer: Viewer, requestId: string): Promise<AccessRequest> {
  const [row] = await tx.select().from(accessRequests).where(eq(accessRequests.id, requestId)).for("update");
  if (!row) throw new NotFound("Access request not found");
  if (row.status !== "pending") throw new Conflict(`This request was already ${row.status}`);
  if (row.requesterId === viewer.id) throw new Forbidden("Nobody may decide their own access request");
  return row;
}

/**
 * Approves a pending request (approvers only, never one's own): a direct grant of exactly what was
 * asked, ending `duration_hours` from now on the database clock, linked to the request. The
 * approver must hold the permission themselves, over at least the scope asked for.
 */
export async function approveAccessRequest(
  viewer: Viewer,
  id: string,
  input: unknown = {},
): Promise<AccessRequestView> {
  requireApprover(viewer);
  const requestId = requestIdOf(id);
  const { reason } = parseInput(approveAccessRequestInput, input);
  return withViewer(viewer, async (tx) => {
    const row = await lockPending(tx, viewer, requestId);
    const resource = row.resource as Resource;
    const scope = (row.scope as Scope | null) ?? null;
    const lacking = (row.actions as Action[]).filter((action) => !holds(viewer, resource, action, scope));
    if (lacking.length > 0) {
      throw new Forbidden(
        `You may grant only what you hold yourself: you lack ${permissionLabel(resource, lacking, scope)}`,
      );
    }
    const now = await databaseNow(tx);
    assertGrantDuration(resource, new Date(now.getTime() + row.durationHours * HOUR_MS), now, "duration_hours");
    const user = await lockUser(tx, row.requesterId);
    const [grant] = await tx
      .insert(directPermissionGrants)
      .values({
        userId: user.id,
        resource,
        actions: row.actions,
        scope,
        grantedById: viewer.id,
        reason: row.reason,
        expiresAt: sql`now() + make_interval(hours => ${row.durationHours})`,
      })
      .returning();
    if (!grant) throw new Error("grant insert returned no row");
    const [approved] = await tx
      .update(accessRequests)
      .set({
        status: "approved",
        decidedById: viewer.id,
        decisionReason: reason ?? null,
        decidedAt: sql`now()`,
        grantId: grant.id,
      })
      .where(eq(accessRequests.id, row.id))
      .returning();
    await recordAudit(tx, viewer, {
      action: "access_request.approve",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.username,
      reason,
      before: auditSnapshot(row),
      after: { ...auditSnapshot(approved!), grant: grantView(grant) },
    });
    return toView(approved!, user.username, viewer.username, grant.expiresAt);
  });
}

/** Denies a pending request with a reason (approvers only, never one's own); nothing is granted. */
export async function denyAccessRequest(viewer: Viewer, id: string, input: unknown): Promise<AccessRequestView> {
  requireApprover(viewer);
  const requestId = requestIdOf(id);
  const { reason } = parseInput(denyAccessRequestInput, input);
  return withViewer(viewer, async (tx) => {
    const row = await lockPending(tx, viewer, requestId);
    const user = await lockUser(tx, row.requesterId);
    const [denied] = await tx
      .update(accessRequests)
      .set({ status: "denied", decidedById: viewer.id, decisionReason: reason, decidedAt: sql`now()` })
      .where(eq(accessRequests.id, row.id))
      .returning();
    await recordAudit(tx, viewer, {
      action: "access_request.deny",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.username,
      reason,
      before: auditSnapshot(row),
      after: auditSnapshot(denied!),
    });
    return toView(denied!, user.username, viewer.username, null);
  });
}

/** The viewer's decided requests they have not yet been shown, newest first: for the notice on every page. */
export async function unseenDecisions(viewer: Viewer): Promise<AccessRequestView[]> {
  return withViewer(viewer, (tx) =>
    readViews(
      tx,
      and(
        eq(accessRequests.requesterId, viewer.id),
        ne(accessRequests.status, "pending"),
        isNull(accessRequests.seenAt),
      ),
      "newest",
    ),
  );
}

/** Marks the viewer's decided requests as seen: the notice stops showing them. Answers how many. */
export async function markDecisionsSeen(viewer: Viewer): Promise<number> {
  return withViewer(viewer, async (tx) => {
    const seen = await tx
      .update(accessRequests)
      .set({ seenAt: sql`now()` })
      .where(
        and(
          eq(accessRequests.requesterId, viewer.id),
          ne(accessRequests.status, "pending"),
          isNull(accessRequests.seenAt),
        ),
      )
      .returning({ id: accessRequests.id });
    return seen.length;
  });
}
