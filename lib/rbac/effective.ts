import "server-only";
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queryRows, type Tx } from "@/db/client";
import { customRoles, directPermissionGrants, userCustomRoles, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireSelfOrAdmin } from "./access";
import type { BaseRole, Resource, Scope } from "./catalog";
import {
  resolvePermissions,
  scopesView,
  type CustomRoleLayer,
  type EffectivePermissions,
  type GrantLayer,
  type PermissionSource,
} from "./resolve";
import {
  effectivePermissionsQuery,
  userIdParam,
  type EffectivePermissionsView,
  type PermissionSourceView,
} from "./schemas";

function sourceView(source: PermissionSource): PermissionSourceView {
  const scope = (value: Scope | undefined) => (value ? { scope: value } : {});
  switch (source.kind) {
    case "superuser":
      return { kind: "superuser" };
    case "base_role":
      return { kind: "base_role", role: source.role, ...scope(source.scope) };
    case "custom_role":
      return {
        kind: "custom_role",
        role: source.role,
        ...(source.expiresAt ? { expires_at: source.expiresAt } : {}),
        ...scope(source.scope),
      };
    case "grant":
      return { kind: "grant", grant_id: source.grantId, expires_at: source.expiresAt, ...scope(source.scope) };
  }
}

function sourcesView(permissions: EffectivePermissions): NonNullable<EffectivePermissionsView["sources"]> {
  const held = permissions.permissions();
  const result: NonNullable<EffectivePermissionsView["sources"]> = {};
  for (const [resource, actions] of Object.entries(held) as [Resource, NonNullable<(typeof held)[Resource]>][]) {
    result[resource] = Object.fromEntries(
      actions.map((action) => [action, permissions.sources(resource, action).map(sourceView)]),
    );
  }
  return result;
}

export interface UserLayers {
  user: {
    id: string;
    username: string;
    name: string;
    baseRole: BaseRole;
    isSuperuser: boolean;
    team: string | null;
    regions: string[];
  };
  /** Every assignment, expired or not. */
  roles: CustomRoleLayer[];
  /** Every direct grant, live or not (only the live ones when loaded with `liveGrants`). */
  grants: GrantLayer[];
  /** The database clock, which judges expiry, as when the viewer's own permissions are resolved. */
  now: Date;
  permissions: EffectivePermissions;
}

/** A user's layers and what they resolve to, read in the caller's transaction. */
export async function loadUserLayers(tx: Tx, userId: string): Promise<UserLayers> {
  const [layers] = await loadLayersOf(tx, [userId]);
  if (!layers) throw new NotFound("User not found");
  return layers;
}

/**
 * The layers of many users at once (four queries whatever their number): given as ids, in their
 * order, ids of no user left out; given as a query of one column of user ids (many users, so none
 * is sent back and forth), in no particular order. Each role's permissions are read once, however
 * many of them hold it; `liveGrants` leaves out grants revoked or ended, which count for nothing.
 */
export async function loadLayersOf(
  tx: Tx,
  userIds: readonly string[] | SQL,
  options: { liveGrants?: boolean } = {},
): Promise<UserLayers[]> {
  if (Array.isArray(userIds) && userIds.length === 0) return [];
  const among = (column: AnyPgColumn) =>
    Array.isArray(userIds) ? inArray(column, [...userIds]) : sql`${column} in (${userIds})`;
  const found = await tx
    .select({
      id: users.id,
      username: users.username,
      name: users.name,
      baseRole: users.baseRole,
      isSuperuser: users.isSuperuser,
      team: users.team,
      regions: users.regions,
    })
    .from(users)
    .where(among(users.id));
  const assignments = await tx
    .select({ userId: userCustomRoles.userId, roleId: userCustomRoles.roleId, expiresAt: userCustomRoles.expiresAt })
    .from(userCustomRoles)
    .where(among(userCustomRoles.userId));
  const roleIds = [...new Set(assignments.map((a) => a.roleId))];
  const roleRows =
    roleIds.length === 0
      ? []
      : await tx
          .select({ id: customRoles.id, name: customRoles.name, permissions: customRoles.permissions })
          .from(customRoles)
          .where(inArray(customRoles.id, roleIds));
  const roleOf = new Map(roleRows.map((role) => [role.id, role]));
  const grants = await tx
    .select({
      userId: directPermissionGrants.userId,
      id: directPermissionGrants.id,
      resource: directPermissionGrants.resource,
      actions: directPermissionGrants.actions,
      scope: directPermissionGrants.scope,
      expiresAt: directPermissionGrants.expiresAt,
      isActive: directPermissionGrants.isActive,
    })
    .from(directPermissionGrants)
    .where(
      options.liveGrants
        ? and(
            among(directPermissionGrants.userId),
            eq(directPermissionGrants.isActive, true),
            or(isNull(directPermissionGrants.expiresAt), gt(directPermissionGrants.expiresAt, sql`now()`)),
          )
        : among(directPermissionGrants.userId),
    )
    .orderBy(asc(directPermissionGrants.createdAt));
  const [clock] = await queryRows<{ now: string | Date }>(tx, sql`select now() as now`);
  const now = new Date(clock?.now ?? Date.now());
  const byId = new Map(found.map((user) => [user.id, user]));
  const rolesOf = new Map<string, CustomRoleLayer[]>();
  for (const { userId, roleId, expiresAt } of assignments) {
    const role = roleOf.get(roleId);
    if (!role) continue;
    const held = rolesOf.get(userId) ?? [];
    held.push({ name: role.name, permissions: role.permissions, expiresAt });
    rolesOf.set(userId, held);
  }
  for (const held of rolesOf.values()) held.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const grantsOf = new Map<string, GrantLayer[]>();
  for (const { userId, ...grant } of grants) {
    const held = grantsOf.get(userId) ?? [];
    held.push({ ...grant, scope: grant.scope as Scope | null });
    grantsOf.set(userId, held);
  }
  const order: readonly string[] = Array.isArray(userIds) ? userIds : found.map((user) => user.id);
  return order.flatMap((id) => {
    const user = byId.get(id);
    if (!user) return [];
    const held = rolesOf.get(id) ?? [];
    const layers = grantsOf.get(id) ?? [];
    const permissions = resolvePermissions(
      { baseRole: user.baseRole, isSuperuser: user.isSuperuser, customRoles: held, grants: layers },
      now,
    );
    return [{ user, roles: held, grants: layers, now, permissions }];
  });
}

/**
 * What a user may do: base role ∪ custom roles ∪ valid direct grants, actions sorted, with row
 * scopes and, when `explain`, the sources of each permission. The user themselves or an admin only.
 */
export async function effectivePermissionsOf(
  viewer: Viewer,
  userId: string,
  query: unknown = {},
): Promise<EffectivePermissionsView> {
  requireSelfOrAdmin(viewer, userId);
  const { user_id } = parseInput(userIdParam, { user_id: userId }, "Invalid path");
  const options = parseInput(effectivePermissionsQuery, query, "Invalid query");
  return withViewer(viewer, async (tx) => {
    const { user, roles, permissions, now } = await loadUserLayers(tx, user_id);
    return {
      user_id: user.id,
      username: user.username,
      base_role: user.baseRole,
      custom_roles: roles.filter((r) => !r.expiresAt || r.expiresAt > now).map((r) => r.name),
      permissions: permissions.permissions(),
      scopes: scopesView(permissions).scopes,
      is_superuser: user.isSuperuser,
      ...(options.explain ? { sources: sourcesView(permissions) } : {}),
    };
  });
}
