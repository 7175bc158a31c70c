import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { customRoles, userCustomRoles, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { BadRequest, Conflict, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin, requireConsoleReader } from "./access";
import { recordAudit } from "./audit";
import { recordExpiries } from "./expiry-audit";
import type { PermissionEntry } from "./catalog";
import {
  createRoleInput,
  deleteRoleInput,
  listRolesQuery,
  updateRoleInput,
  type PermissionEntryView,
  type RoleView,
} from "./schemas";

// A system role's holders are the users with that base role; a custom role's are its assignees.
// Written out in SQL: drizzle leaves columns unqualified in single-table selects, which would
// bind them to the subquery's own table.
const userCount = sql<number>`case when custom_roles.is_system_role
    then (select count(*) from users u where u.base_role::text = custom_roles.name)
    else (select count(*) from user_custom_roles ucr where ucr.role_id = custom_roles.id) end`.mapWith(Number);

const roleColumns = {
  id: customRoles.id,
  name: customRoles.name,
  description: customRoles.description,
  isSystemRole: customRoles.isSystemRole,
  permissions: customRoles.permissions,
  createdAt: customRoles.createdAt,
  userCount,
};

interface RoleRow {
  id: string;
  name: string;
  description: string | null;
  isSystemRole: boolean;
  permissions: PermissionEntry[];
  createdAt: Date;
  userCount: number;
}

function permissionEntriesView(entries: readonly PermissionEntry[]): PermissionEntryView[] {
  return entries.map((e) => ({
    resource: e.resource,
    actions: [...e.actions],
    ...(e.scope ? { scope: e.scope } : {}),
  }));
}

function toView(row: RoleRow): RoleView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    is_system_role: row.isSystemRole,
    permissions: permissionEntriesView(row.permissions),
    created_at: row.createdAt.toISOString(),
    user_count: row.userCount,
  };
}

/** The role named `name`, locked for the rest of the transaction when `forUpdate`. */
async function findRole(tx: Tx, name: string, forUpdate = false): Promise<RoleView | null> {
  const query = tx.select(roleColumns).from(customRoles).where(eq(customRoles.name, name));
  const [row] = forUpdate ? await query.for("update", { of: customRoles }) : await query;
  return row ? toView(row) : null;
}

async function lockEditableRole(tx: Tx, name: string, verb: "modified" | "deleted"): Promise<RoleView> {
  const role = await findRole(tx, name, true);
  if (!role) throw new NotFound(`Role "${name}" not found`);
  if (role.is_system_role) throw new BadRequest(`System role "${name}" cannot be ${verb}`);
  return role;
}

/** Every role, system roles first, then by name. Any authenticated viewer may list them. */
export async function listRoles(viewer: Viewer, query: unknown = {}): Promise<RoleView[]> {
  requireConsoleReader(viewer);
  const { include_system: includeSystem } = parseInput(listRolesQuery, query, "Invalid query");
  return withViewer(viewer, async (tx) => {
    const rows = await tx
      .select(roleColumns)
      .from(customRoles)
      .where(includeSystem ? undefined : eq(customRoles.isSystemRole, false))
      .orderBy(desc(customRoles.isSystemRole), asc(customRoles.name));
    return rows.map(toView);
  });
}

/** One role by name; any authenticated viewer may read it. */
export async function getRole(viewer: Viewer, name: string): Promise<RoleView> {
  requireConsoleReader(viewer);
  const role = await withViewer(viewer, (tx) => findRole(tx, name));
  if (!role) throw new NotFound(`Role "${name}" not found`);
  return role;
}

/** Creates a custom role (admins only); 409 when the name is taken, also under a concurrent create. */
export async function createRole(viewer: Viewer, input: unknown): Promise<RoleView> {
  requireAdmin(viewer);
  const { reason, ...role } = parseInput(createRoleInput, input);
  return withViewer(viewer, async (tx) => {
    const [row] = await tx
      .insert(customRoles)
      .values({
        name: role.name,
        description: role.description ?? null,
        permissions: role.permissions,
        createdById: viewer.id,
      })
      .onConflictDoNothing({ target: customRoles.name })
      .returning({ id: customRoles.id });
    if (!row) throw new Conflict(`A role named "${role.name}" already exists`);
    const created = await findRole(tx, role.name);
    if (!created) throw new Error(`role ${role.name} vanished inside its own transaction`);
    await recordAudit(tx, viewer, {
      action: "role.create",
      targetType: "role",
      targetId: created.id,
      targetLabel: created.name,
      reason,
      before: null,
      after: created,
    });
    return created;
  });
}

/** Changes a custom role's description or permissions (admins only); an unchanged role is not audited. */
export async function updateRole(viewer: Viewer, name: string, input: unknown): Promise<RoleView> {
  requireAdmin(viewer);
  const { reason, ...changes } = parseInput(updateRoleInput, input);
  return withViewer(viewer, async (tx) => {
    const before = await lockEditableRole(tx, name, "modified");
    const description = changes.description === undefined ? before.description : changes.description;
    const permissions = changes.permissions ?? before.permissions;
    const unchanged =
      description === before.description && JSON.stringify(permissions) === JSON.stringify(before.permissions);
    if (unchanged) return before;
    await tx
      .update(customRoles)
      .set({ description, permissions, updatedAt: sql`now()` })
      .where(eq(customRoles.id, before.id));
    const after = { ...before, description, permissions: permissionEntriesView(permissions) };
    await recordAudit(tx, viewer, {
      action: "role.update",
      targetType: "role",
      targetId: before.id,
      targetLabel: name,
      reason,
      before,
      after,
    });
    return after;
  });
}

/** Deletes a custom role and its assignments (admins only); the audit row keeps who held it. */
export async function deleteRole(viewer: Viewer, name: string, input: unknown = {}): Promise<void> {
  requireAdmin(viewer);
  const { reason } = parseInput(deleteRoleInput, input);
  await withViewer(viewer, async (tx) => {
    const role = await lockEditableRole(tx, name, "deleted");
    await recordExpiries(tx, { roleId: role.id });
    const holders = await tx
      .select({ username: users.username })
      .from(userCustomRoles)
      .innerJoin(users, eq(users.id, userCustomRoles.userId))
      .where(eq(userCustomRoles.roleId, role.id))
      .orderBy(asc(users.username));
    await tx.delete(customRoles).where(eq(customRoles.id, role.id));
    await recordAudit(tx, viewer, {
      action: "role.delete",
      targetType: "role",
      targetId: role.id,
      targetLabel: role.name,
      reason,
      before: { ...role, assigned_users: holders.map((h) => h.username) },
      after: null,
    });
  });
}
