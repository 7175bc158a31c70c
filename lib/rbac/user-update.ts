import "server-only";
import { and, asc, eq, or, sql } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin } from "./access";
import { recordAudit } from "./audit";
import { ACTIONS, RESOURCES, reachCovers, type BaseRole } from "./catalog";
import { resolvePermissions } from "./resolve";
import { reportingLine } from "./row-scope";
import { updateUserInput, userIdParam } from "./schemas";
import { userSummary, type UserSummary } from "./users";

interface AccountState {
  base_role: BaseRole;
  team: string | null;
  manager_id: string | null;
  regions: string[];
  is_active: boolean;
  is_superuser: boolean;
}

const canAdminister = (state: AccountState) => state.is_active && (state.is_superuser || state.base_role === "admin");

const sameState = (a: AccountState, b: AccountState) =>
  a.base_role === b.base_role &&
  a.team === b.team &&
  a.manager_id === b.manager_id &&
  a.regions.join("\n") === b.regions.join("\n") &&
  a.is_active === b.is_active &&
  a.is_superuser === b.is_superuser;

/** A new manager must be someone else, not below the user in the reporting line: no loops. */
async function requireManagerFits(tx: Tx, userId: string, managerId: string) {
  // One reporting-line change at a time, so two crossing changes cannot make a loop together.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ledgerline reporting line'))`);
  const [found] = await queryRows<{ username: string; below: boolean }>(
    tx,
    sql`select u.username, ${managerId}::uuid in (${reportingLine(userId)}) as below
        from users u where u.id = ${managerId}`,
  );
  if (!found) throw new Invalid("No such manager", [{ field: "manager_id", message: "Choose an existing person" }]);
  if (found.below) {
    const message =
      managerId === userId
        ? "Nobody reports to themselves"
        : `${found.username} already reports to them, directly or not: that would make a loop`;
    throw new Invalid("The reporting line would loop", [{ field: "manager_id", message }]);
  }
}

/** True when moving from one base role to another takes away an action or narrows a row scope. */
export function isDemotion(from: BaseRole, to: BaseRole): boolean {
  const now = new Date();
  const before = resolvePermissions({ baseRole: from, isSuperuser: false, customRoles: [], grants: [] }, now);
  const after = resolvePermissions({ baseRole: to, isSuperuser: false, customRoles: [], grants: [] }, now);
  return RESOURCES.some((resource) =>
    ACTIONS.some((action) => {
      const held = before.scope(resource, action);
      const kept = after.scope(resource, action);
      return held !== null && held.some((kind) => !reachCovers(kept, kind));
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
      manager_id: users.managerId,
      regions: users.regions,
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
      manager_id: changes.manager_id === undefined ? before.manager_id : changes.manager_id,
      regions: changes.regions ?? before.regions,
      is_active: changes.is_active ?? before.is_active,
      is_superuser: changes.is_superuser ?? before.is_superuser,
    };
    if (!viewer.isSuperuser && (before.is_superuser || after.is_superuser)) {
      throw new Forbidden("Only a superuser may change a superuser or make one");
    }
    if (sameState(before, after)) return userSummary(tx, id);
    if (after.manager_id && after.manager_id !== before.manager_id) await requireManagerFits(tx, id, after.manager_id);
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
        managerId: after.manager_id,
        regions: after.regions,
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
