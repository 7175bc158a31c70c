import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin } from "./access";
import { recordAudit } from "./audit";
import { ACTIONS, RESOURCES, SCOPES, type BaseRole } from "./catalog";
import { resolvePermissions } from "./resolve";
import { updateUserInput, userIdParam } from "./schemas";
import { userSummary, type UserSummary } from "./users";

interface AccountState {
  base_role: BaseRole;
  team: string | null;
  is_active: boolean;
  is_superuser: boolean;
}

const canAdminister = (state: AccountState) => state.is_active && (state.is_superuser || state.base_role === "admin");

const sameState = (a: AccountState, b: AccountState) =>
  a.base_role === b.base_role && a.team === b.team && a.is_active === b.is_active && a.is_superuser === b.is_superuser;

/** True when moving from one base role to another takes away an action or narrows a row scope. */
export function isDemotion(from: BaseRole, to: BaseRole): boolean {
  const now = new Date();
  const before = resolvePermissions({ baseRole: from, isSuperuser: false, customRoles: [], grants: [] }, now);
  const after = resolvePermissions({ baseRole: to, isSuperuser: false, customRoles: [], grants: [] }, now);
  return RESOURCES.some((resource) =>
    ACTIONS.some((action) => {
      const held = before.scope(resource, action);
      const kept = after.scope(resource, action);
      return held !== null && (kept === null || SCOPES.indexOf(kept) < SCOPES.indexOf(held));
    }),
  );
}

/**
 * Locks the target and every active admin or superuser, always in id order so two concurrent
 * changes cannot deadlock, and so two admins demoting each other cannot both succeed.
 */
async function lockAdministrators(tx: Tx, userId: string) {
  return tx
    .select({
      id: users.id,
      base_role: users.baseRole,
      team: users.team,
      is_active: users.isActive,
      is_superuser: users.isSuperuser,
    })
    .from(users)
    .where(
      or(
        eq(users.id, userId),
        and(eq(users.isActive, true), or(eq(users.baseRole, "admin"), eq(users.isSuperuser, true))),
      ),
    )
    .orderBy(asc(users.id))
    .for("update");
}

/**
 * Changes a user's base role, team, active flag or superuser flag (admins only). Only a superuser
 * makes, unmakes or edits a superuser; no change may leave the system without an active admin or
 * superuser; deactivating or demoting ends the user's sessions (session version bump).
 */
export async function updateUser(viewer: Viewer, userId: string, input: unknown): Promise<UserSummary> {
  requireAdmin(viewer);
  const { user_id } = parseInput(userIdParam, { user_id: userId }, "Invalid path");
  const { reason, ...changes } = parseInput(updateUserInput, input);
  return withViewer(viewer, async (tx) => {
    const locked = await lockAdministrators(tx, user_id);
    const current = locked.find((u) => u.id === user_id);
    if (!current) throw new NotFound("User not found");
    const { id, ...before } = current;
    const after: AccountState = {
      base_role: changes.base_role ?? before.base_role,
      team: changes.team === undefined ? before.team : changes.team,
      is_active: changes.is_active ?? before.is_active,
      is_superuser: changes.is_superuser ?? before.is_superuser,
    };
    if (!viewer.isSuperuser && (before.is_superuser || after.is_superuser)) {
      throw new Forbidden("Only a superuser may change a superuser or make one");
    }
    if (sameState(before, after)) return userSummary(tx, id);
    if (canAdminister(before) && !canAdminister(after) && !locked.some((u) => u.id !== id && canAdminister(u))) {
      throw new Conflict("This change would leave no active admin or superuser");
    }
    const endsSessions =
      (before.is_active && !after.is_active) ||
      (before.is_superuser && !after.is_superuser) ||
      isDemotion(before.base_role, after.base_role);
    await tx
      .update(users)
      .set({
        baseRole: after.base_role,
        team: after.team,
        isActive: after.is_active,
        isSuperuser: after.is_superuser,
        updatedAt: sql`now()`,
        ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, id));
    const summary = await userSummary(tx, id);
    await recordAudit(tx, viewer, {
      action: "user.update",
      targetType: "user",
      targetId: id,
      targetLabel: summary.username,
      reason,
      before,
      after: { ...after, sessions_ended: endsSessions },
    });
    return summary;
  });
}
