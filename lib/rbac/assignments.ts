import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { customRoles, userCustomRoles, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { BadRequest, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin } from "./access";
import { recordAudit } from "./audit";
import { recordExpiries } from "./expiry-audit";
import { roleAssignInput, roleAssignmentInput, type RoleAssignmentResult } from "./schemas";

const live = sql`(${userCustomRoles.expiresAt} is null or ${userCustomRoles.expiresAt} > now())`;

export interface UserRef {
  id: string;
  username: string;
}

/**
 * The user whose access is about to change, row-locked until the transaction ends: concurrent
 * changes to one user's access queue, so the state read next is the true "before" of this change.
 */
export async function lockUser(tx: Tx, userId: string): Promise<UserRef> {
  const [user] = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(eq(users.id, userId))
    .for("no key update");
  if (!user) throw new NotFound("User not found");
  return user;
}

/** The user's custom roles that count now: expired assignments are left out (database clock). */
export async function customRoleNamesOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: customRoles.name })
    .from(userCustomRoles)
    .innerJoin(customRoles, eq(customRoles.id, userCustomRoles.roleId))
    .where(and(eq(userCustomRoles.userId, userId), live))
    .orderBy(asc(customRoles.name));
  return rows.map((r) => r.name);
}

/** The assignable role, share-locked so a concurrent delete waits for this change. */
async function lockAssignableRole(tx: Tx, name: string): Promise<{ id: string; name: string }> {
  const [role] = await tx
    .select({ id: customRoles.id, name: customRoles.name, isSystemRole: customRoles.isSystemRole })
    .from(customRoles)
    .where(eq(customRoles.name, name))
    .for("share");
  if (!role) throw new NotFound(`Role "${name}" not found`);
  if (role.isSystemRole) {
    throw new BadRequest(`"${name}" is a system role: change the user's base role instead`);
  }
  return role;
}

/**
 * Gives a user a custom role (admins only), until `expires_at` when given. Re-assigning sets the
 * expiry anew (omitting it makes the assignment permanent); an assignment that already says exactly
 * this changes and audits nothing.
 */
export async function assignRole(viewer: Viewer, input: unknown): Promise<RoleAssignmentResult> {
  requireAdmin(viewer);
  const { user_id, role_name, reason, expires_at } = parseInput(roleAssignInput, input);
  const expiresAt = expires_at ? new Date(expires_at) : null;
  return withViewer(viewer, async (tx) => {
    const user = await lockUser(tx, user_id);
    const role = await lockAssignableRole(tx, role_name);
    await recordExpiries(tx, { userId: user.id });
    const before = await customRoleNamesOf(tx, user.id);
    const [held] = await tx
      .select({ expiresAt: userCustomRoles.expiresAt, live: sql<boolean>`${live}` })
      .from(userCustomRoles)
      .where(and(eq(userCustomRoles.userId, user.id), eq(userCustomRoles.roleId, role.id)));
    const result: RoleAssignmentResult = {
      status: "assigned",
      user_id: user.id,
      role: role.name,
      ...(expiresAt ? { expires_at: expiresAt.toISOString() } : {}),
    };
    if (held?.live && (held.expiresAt?.getTime() ?? null) === (expiresAt?.getTime() ?? null)) return result;
    await tx
      .insert(userCustomRoles)
      .values({ userId: user.id, roleId: role.id, assignedById: viewer.id, reason: reason ?? null, expiresAt })
      .onConflictDoUpdate({
        target: [userCustomRoles.userId, userCustomRoles.roleId],
        set: {
          expiresAt,
          assignedById: viewer.id,
          reason: reason ?? null,
          // An assignment that had ended starts again now; a live one keeps its start.
          assignedAt: sql`case when ${live} then ${userCustomRoles.assignedAt} else now() end`,
        },
      });
    const until = (value: Date | null | undefined) => (value ? value.toISOString() : null);
    await recordAudit(tx, viewer, {
      action: "role.assign",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.username,
      reason,
      before: { custom_roles: before, ...(held?.live ? { expires_at: until(held.expiresAt) } : {}) },
      after: {
        custom_roles: [...new Set([...before, role.name])].sort(),
        role: role.name,
        expires_at: until(expiresAt),
      },
    });
    return result;
  });
}

/** Takes a custom role from a user (admins only). Revoking a role not held changes and audits nothing. */
export async function revokeRole(viewer: Viewer, input: unknown): Promise<RoleAssignmentResult> {
  requireAdmin(viewer);
  const { user_id, role_name, reason } = parseInput(roleAssignmentInput, input);
  return withViewer(viewer, async (tx) => {
    const user = await lockUser(tx, user_id);
    const role = await lockAssignableRole(tx, role_name);
    await recordExpiries(tx, { userId: user.id });
    const before = await customRoleNamesOf(tx, user.id);
    const deleted = await tx
      .delete(userCustomRoles)
      .where(and(eq(userCustomRoles.userId, user.id), eq(userCustomRoles.roleId, role.id)))
      .returning({ id: userCustomRoles.id, live: sql<boolean>`${live}` });
    // An assignment that had already ended is cleared without a revoke row: no access changes, and
    // its end is already in the log as "expired".
    if (deleted.some((row) => row.live)) {
      await recordAudit(tx, viewer, {
        action: "role.revoke",
        targetType: "user",
        targetId: user.id,
        targetLabel: user.username,
        reason,
        before: { custom_roles: before },
        after: { custom_roles: before.filter((name) => name !== role.name) },
      });
    }
    return { status: "revoked", user_id: user.id, role: role.name };
  });
}
