import "server-only";
import { and, asc, count, eq, ilike, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { queryRows, type Tx } from "@/db/client";
import { customRoles, directPermissionGrants, userCustomRoles, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { distinctLabels } from "@/lib/sales/summaries";
import type { Viewer } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { containsPattern, parseInput } from "@/lib/validation";
import { requirePermission, requireSelfOrAdmin } from "./access";
import type { BaseRole } from "./catalog";
import { grantView, type GrantView } from "./grants";
import { listUsersQuery, managerSearchParams, userIdParam } from "./schemas";

export interface UserSummary {
  id: string;
  username: string;
  name: string;
  email: string;
  base_role: BaseRole;
  team: string | null;
  /** Whom they report to: the `reports` scope of anyone above them reaches their rows. */
  manager_id: string | null;
  /** The regions a `region` scope of theirs reaches. */
  regions: string[];
  is_active: boolean;
  is_superuser: boolean;
  custom_roles: string[];
  created_at: string;
}

export interface UserPage {
  items: UserSummary[];
  total: number;
  page: number;
  page_size: number;
}

export interface AssignedRole {
  id: string;
  name: string;
  description: string | null;
  reason: string | null;
  assigned_at: string;
  assigned_by: { id: string; username: string } | null;
  /** When the assignment ends; null: until revoked. */
  expires_at: string | null;
  /** An ended assignment is kept until revoked or re-assigned, and grants nothing. */
  expired: boolean;
}

export interface UserGrant extends GrantView {
  /** `expired` and `inactive` grants are kept for the record but grant nothing. */
  status: "active" | "expired" | "inactive";
}

export interface UserDetail {
  user: UserSummary;
  custom_roles: AssignedRole[];
  grants: UserGrant[];
}

// Explicit columns: the application role may not read password hashes.
const userColumns = {
  id: users.id,
  username: users.username,
  name: users.name,
  email: users.email,
  baseRole: users.baseRole,
  team: users.team,
  managerId: users.managerId,
  regions: users.regions,
  isActive: users.isActive,
  isSuperuser: users.isSuperuser,
  createdAt: users.createdAt,
};

type UserRow = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };

async function summariesOf(tx: Tx, rows: UserRow[]): Promise<UserSummary[]> {
  const ids = rows.map((r) => r.id);
  const held =
    ids.length === 0
      ? []
      : await tx
          .select({ userId: userCustomRoles.userId, name: customRoles.name })
          .from(userCustomRoles)
          .innerJoin(customRoles, eq(customRoles.id, userCustomRoles.roleId))
          .where(
            and(
              inArray(userCustomRoles.userId, ids),
              sql`(${userCustomRoles.expiresAt} is null or ${userCustomRoles.expiresAt} > now())`,
            ),
          )
          .orderBy(asc(customRoles.name));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    email: r.email,
    base_role: r.baseRole,
    team: r.team,
    manager_id: r.managerId,
    regions: r.regions,
    is_active: r.isActive,
    is_superuser: r.isSuperuser,
    custom_roles: held.filter((h) => h.userId === r.id).map((h) => h.name),
    created_at: r.createdAt.toISOString(),
  }));
}

export async function userSummary(tx: Tx, userId: string): Promise<UserSummary> {
  const rows = await tx.select(userColumns).from(users).where(eq(users.id, userId));
  const [summary] = await summariesOf(tx, rows);
  if (!summary) throw new NotFound("User not found");
  return summary;
}

/** Users by username, paginated, filtered by `q` on username, name or email. Requires user:list. */
export async function listUsers(viewer: Viewer, query: unknown = {}): Promise<UserPage> {
  requirePermission(viewer, "user", "list");
  const { q, page, page_size } = parseInput(listUsersQuery, query);
  const pattern = q ? containsPattern(q) : null;
  const where = pattern
    ? or(ilike(users.username, pattern), ilike(users.name, pattern), ilike(users.email, pattern))
    : undefined;
  return withViewer(viewer, async (tx) => {
    const rows = await tx
      .select(userColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(page_size)
      .offset((page - 1) * page_size);
    const [total] = await tx.select({ n: count() }).from(users).where(where);
    return { items: await summariesOf(tx, rows), total: total?.n ?? 0, page, page_size };
  });
}

/** A user with their custom role assignments and every direct grant, expired ones included. Self or admin. */
export async function getUserDetail(viewer: Viewer, userId: string): Promise<UserDetail> {
  requireSelfOrAdmin(viewer, userId);
  const { user_id } = parseInput(userIdParam, { user_id: userId }, "Invalid path");
  return withViewer(viewer, async (tx) => {
    const user = await userSummary(tx, user_id);
    const assigner = alias(users, "assigner");
    const roles = await tx
      .select({
        id: customRoles.id,
        name: customRoles.name,
        description: customRoles.description,
        reason: userCustomRoles.reason,
        assignedAt: userCustomRoles.assignedAt,
        assignerId: assigner.id,
        assignerUsername: assigner.username,
        expiresAt: userCustomRoles.expiresAt,
        expired: sql<boolean>`coalesce(${userCustomRoles.expiresAt} <= now(), false)`,
      })
      .from(userCustomRoles)
      .innerJoin(customRoles, eq(customRoles.id, userCustomRoles.roleId))
      .leftJoin(assigner, eq(assigner.id, userCustomRoles.assignedById))
      .where(eq(userCustomRoles.userId, user.id))
      .orderBy(asc(customRoles.name));
    const grants = await tx
      .select({
        grant: directPermissionGrants,
        status: sql<UserGrant["status"]>`case when not ${directPermissionGrants.isActive} then 'inactive'
          when ${directPermissionGrants.expiresAt} <= now() then 'expired' else 'active' end`,
      })
      .from(directPermissionGrants)
      .where(eq(directPermissionGrants.userId, user.id))
      .orderBy(asc(directPermissionGrants.resource), asc(directPermissionGrants.createdAt));
    return {
      user,
      custom_roles: roles.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        reason: r.reason,
        assigned_at: r.assignedAt.toISOString(),
        assigned_by: r.assignerId && r.assignerUsername ? { id: r.assignerId, username: r.assignerUsername } : null,
        expires_at: r.expiresAt?.toISOString() ?? null,
        expired: r.expired,
      })),
      grants: grants.map((g) => ({ ...grantView(g.grant), status: g.status })),
    };
  });
}

/** The teams users belong to, for the team field's suggestions. Requires user:list. */
export async function listTeams(viewer: Viewer): Promise<string[]> {
  requirePermission(viewer, "user", "list");
  return withViewer(viewer, async (tx) => {
    const rows = await tx
      .selectDistinct({ team: users.team })
      .from(users)
      .where(isNotNull(users.team))
      .orderBy(asc(users.team));
    return rows.flatMap((r) => (r.team ? [r.team] : []));
  });
}

export interface Person {
  id: string;
  username: string;
  name: string;
}

/** How many people "Reports to" suggests at once; typing more narrows them. */
export const MANAGER_SUGGESTIONS = 20;

/**
 * The reporting-line form's choices: the person the user reports to now (named in the box, active
 * or not) and the regions sales are in. Whom else they may report to is asked for as one types
 * (`suggestManagers`), not sent with the page: there may be thousands.
 */
export async function listOrgChoices(
  viewer: Viewer,
  managerId: string | null,
): Promise<{ manager: Person | null; regions: string[] }> {
  requirePermission(viewer, "user", "list");
  return withViewer(viewer, async (tx) => {
    const [manager = null] = managerId
      ? await tx
          .select({ id: users.id, username: users.username, name: users.name })
          .from(users)
          .where(eq(users.id, managerId))
      : [];
    // A skip scan over the summary's region index, one probe per region, as the sales filter reads them.
    const regions = await queryRows<{ value: string }>(tx, distinctLabels(viewer, "region"));
    return { manager, regions: regions.map((r) => r.value) };
  });
}

/**
 * Active people whose name or username contains `q`, by username, at most MANAGER_SUGGESTIONS of
 * them (and whether more match), leaving out `exclude` (the user being edited): whom "Reports to"
 * suggests. For anyone who may list users, as the user pages are.
 */
export async function suggestManagers(viewer: Viewer, input: unknown): Promise<{ people: Person[]; more: boolean }> {
  requirePermission(viewer, "user", "list");
  const { q, exclude } = parseInput(managerSearchParams, input);
  const people = await withViewer(viewer, (tx) =>
    tx
      .select({ id: users.id, username: users.username, name: users.name })
      .from(users)
      .where(
        and(
          eq(users.isActive, true),
          q ? or(ilike(users.username, containsPattern(q)), ilike(users.name, containsPattern(q))) : undefined,
          exclude ? ne(users.id, exclude) : undefined,
        ),
      )
      .orderBy(asc(users.username))
      .limit(MANAGER_SUGGESTIONS + 1),
  );
  return { people: people.slice(0, MANAGER_SUGGESTIONS), more: people.length > MANAGER_SUGGESTIONS };
}
