import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { customRoles, userCustomRoles, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { BadRequest, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin } from "./access";
import { recordAudit } from "./audit";
import { roleAssignmentInput, type RoleAssignmentResult } from "./schemas";

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

export async function customRoleNamesOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: customRoles.name })
    .from(userCustomRoles)
    .innerJoin(customRoles, eq(customRoles.id, userCustomRoles.roleId))
    .where(eq(userCustomRoles.userId, userId))
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

/** Gives a user a custom role (admins only). Idempotent: a role already held changes and audits nothing. */
export async function assignRole(viewer: Viewer, input: unknown): Promise<RoleAssignmentResult> {
  requireAdmin(viewer);
  const { user_id, role_name, reason } = parseInput(roleAssignmentInput, input);
  return withViewer(viewer, async (tx) => {
    const user = await lockUser(tx, user_id);
    const role = await lockAssignableRole(tx, role_name);
    const before = await customRoleNamesOf(tx, user.id);
    const inserted = await tx
      .insert(userCustomRoles)
      .values({ userId: user.id, roleId: role.id, assignedById: viewer.id, reason: reason ?? null })
      .onConflictDoNothing({ target: [userCustomRoles.userId, userCustomRoles.roleId] })
      .returning({ id: userCustomRoles.id });
    if (inserted.length > 0) {
      await recordAudit(tx, viewer, {
        action: "role.assign",
        targetType: "user",
        targetId: user.id,
        targetLabel: user.username,
        reason,
        before: { custom_roles: before },
        after: { custom_roles: [...new Set([...before, role.name])].sort() },
      });
    }
    return { status: "assigned", user_id: user.id, role: role.name };
  });
}

/** Takes a custom role from a user (admins only). Revoking a role not held changes and audits nothing. */
export async function revokeRole(viewer: Viewer, input: unknown): Promise<RoleAssignmentResult> {
  requireAdmin(viewer);
  const { user_id, role_name, reason } = parseInput(roleAssignmentInput, input);
  return withViewer(viewer, async (tx) => {
    const user = await lockUser(tx, user_id);
    const role = await lockAssignableRole(tx, role_name);
    const before = await customRoleNamesOf(tx, user.id);
    const deleted = await tx
      .delete(userCustomRoles)
      .where(and(eq(userCustomRoles.userId, user.id), eq(userCustomRoles.roleId, role.id)))
      .returning({ id: userCustomRoles.id });
    if (deleted.length > 0) {
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
