import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Tx } from "@/db/client";
import { directPermissionGrants, type DirectPermissionGrant } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Invalid, NotFound } from "@/lib/errors";
import { parseInput, uuidSchema } from "@/lib/validation";
import { requireAdmin } from "./access";
import { lockUser } from "./assignments";
import { recordAudit } from "./audit";
import { recordExpiries } from "./expiry-audit";
import type { Scope } from "./catalog";
import { assertGrantDuration } from "./grant-duration";
import {
  grantInput,
  grantResourceParams,
  revokeGrantInput,
  userIdParam,
  type GrantResult,
  type RevokeGrantsResult,
} from "./schemas";

export interface GrantView {
  id: string;
  resource: string;
  actions: string[];
  scope: Scope | null;
  reason: string | null;
  expires_at: string | null;
  is_active: boolean;
  granted_by_id: string | null;
  created_at: string;
}

export function grantView(row: DirectPermissionGrant): GrantView {
  return {
    id: row.id,
    resource: row.resource,
    actions: row.actions,
    scope: (row.scope as Scope | null) ?? null,
    reason: row.reason,
    expires_at: row.expiresAt?.toISOString() ?? null,
    is_active: row.isActive,
    granted_by_id: row.grantedById,
    created_at: row.createdAt.toISOString(),
  };
}

/** The database's clock: grant expiry is judged on it, whatever the app server's clock says. */
export async function databaseNow(tx: Tx): Promise<Date> {
  const [row] = await queryRows<{ now: string | Date }>(tx, sql`select now() as now`);
  return new Date(row!.now);
}

function userIdOf(value: string): string {
  return parseInput(userIdParam, { user_id: value }, "Invalid path").user_id.toLowerCase();
}

/** Grants a user actions on one resource directly, optionally until `expires_at` (admins only). */
export async function grantPermission(viewer: Viewer, userId: string, input: unknown): Promise<GrantResult> {
  requireAdmin(viewer);
  const targetId = userIdOf(userId);
  const grant = parseInput(grantInput, input);
  if (grant.user_id !== undefined && grant.user_id.toLowerCase() !== targetId) {
    throw new Invalid("Invalid input", [{ field: "user_id", message: "Must match the user id in the path" }]);
  }
  const expiresAt = grant.expires_at ? new Date(grant.expires_at) : null;
  return withViewer(viewer, async (tx) => {
    assertGrantDuration(grant.resource, expiresAt, await databaseNow(tx));
    const user = await lockUser(tx, targetId);
    const [row] = await tx
      .insert(directPermissionGrants)
      .values({
        userId: user.id,
        resource: grant.resource,
        actions: grant.actions,
        scope: grant.scope ?? null,
        grantedById: viewer.id,
        reason: grant.reason ?? null,
        expiresAt,
      })
      .returning();
    if (!row) throw new Error("grant insert returned no row");
    await recordAudit(tx, viewer, {
      action: "grant.create",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.username,
      reason: grant.reason,
      before: null,
      after: grantView(row),
    });
    return {
      status: "granted",
      user_id: user.id,
      resource: grant.resource,
      actions: grant.actions,
      ...(grant.scope ? { scope: grant.scope } : {}),
    };
  });
}

/** Deletes every direct grant of a user on one resource, expired ones included (admins only). */
export async function revokeGrants(viewer: Viewer, userId: string, resource: string): Promise<RevokeGrantsResult> {
  requireAdmin(viewer);
  const params = parseInput(grantResourceParams, { user_id: userId, resource }, "Invalid path");
  return withViewer(viewer, async (tx) => {
    const user = await lockUser(tx, params.user_id.toLowerCase());
    await recordExpiries(tx, { userId: user.id });
    const deleted = await tx
      .delete(directPermissionGrants)
      .where(and(eq(directPermissionGrants.userId, user.id), eq(directPermissionGrants.resource, params.resource)))
      .returning();
    if (deleted.length > 0) {
      await recordAudit(tx, viewer, {
        action: "grant.revoke",
        targetType: "user",
        targetId: user.id,
        targetLabel: user.username,
        before: { grants: deleted.map(grantView) },
        after: null,
      });
    }
    return { status: "revoked", count: deleted.length };
  });
}

/** Deletes one direct grant by its id (admins only); 404 when there is no such grant. */
export async function revokeGrant(viewer: Viewer, grantId: string, input: unknown = {}): Promise<GrantView> {
  requireAdmin(viewer);
  const id = parseInput(z.strictObject({ grant_id: uuidSchema }), { grant_id: grantId }, "Invalid grant id").grant_id;
  const { reason } = parseInput(revokeGrantInput, input);
  return withViewer(viewer, async (tx) => {
    await recordExpiries(tx, { grantId: id });
    const [deleted] = await tx.delete(directPermissionGrants).where(eq(directPermissionGrants.id, id)).returning();
    if (!deleted) throw new NotFound("Grant not found");
    const user = await lockUser(tx, deleted.userId);
    const revoked = grantView(deleted);
    await recordAudit(tx, viewer, {
      action: "grant.revoke",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.username,
      reason,
      before: { grants: [revoked] },
      after: null,
    });
    return revoked;
  });
}
