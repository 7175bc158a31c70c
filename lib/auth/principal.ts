import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import type { ScopeSubject } from "@/db/scoped";
import type { Action, BaseRole, PermissionEntry, Reach, Resource, Scope } from "@/lib/rbac/catalog";
import { resolvePermissions, type EffectivePermissions } from "@/lib/rbac/resolve";
import { narrowPermissions } from "@/lib/rbac/narrow";
import { tokenGrantOf, type ApiTokenGrant, type TokenRow } from "./token-limits";

/** Who is asking and what they may do, resolved from the database for this request. */
export interface Viewer extends ScopeSubject {
  id: string;
  username: string;
  name: string;
  email: string;
  baseRole: BaseRole;
  isSuperuser: boolean;
  team: string | null;
  regions: readonly string[];
  sessionVersion: number;
  /** Whether two-factor sign-in is on for this user (REQUIRE_ADMIN_MFA reads it). */
  secondFactorOn: boolean;
  customRoles: string[];
  permissions: EffectivePermissions;
  can(resource: Resource, action: Action): boolean;
  scope(resource: Resource, action: Action): Reach | null;
  /** Set when the request came with a session cookie: its row in user_sessions. */
  sessionId?: string;
  /** Set when the request came with an API token: `permissions`, `can` and `scope` are narrowed to it. */
  apiToken?: ApiTokenGrant;
}

interface PrincipalRow {
  id: string;
  username: string;
  name: string;
  email: string;
  base_role: BaseRole;
  is_superuser: boolean;
  is_active: boolean;
  team: string | null;
  regions: string[] | string;
  session_version: number;
  second_factor: boolean;
  now: string | Date;
  roles: { name: string; permissions: PermissionEntry[]; expires_at: string | null }[] | string;
  grants:
    { id: string; resource: string; actions: string[]; scope: Scope | null; expires_at: string | null }[] | string;
}

// The user, whether a second factor is on, and all three permission layers in one statement. Grant and assignment expiry
// are compared on the database clock, so app servers with drifting clocks agree.
const layersOf = (userFilter: SQL) => sql`
  select u.id, u.username, u.name, u.email, u.base_role, u.is_superuser, u.is_active, u.team, to_json(u.regions) as regions, u.session_version,
    now() as now, exists (select 1 from user_mfa m where m.user_id = u.id) as second_factor,
    coalesce((select json_agg(json_build_object('name', r.name, 'permissions', r.permissions,
        'expires_at', ucr.expires_at) order by r.name)
      from user_custom_roles ucr join custom_roles r on r.id = ucr.role_id
      where ucr.user_id = u.id and (ucr.expires_at is null or ucr.expires_at > now())), '[]') as roles,
    coalesce((select json_agg(json_build_object('id', g.id, 'resource', g.resource, 'actions', g.actions,
        'scope', g.scope, 'expires_at', g.expires_at))
      from direct_permission_grants g
      where g.user_id = u.id and g.is_active and (g.expires_at is null or g.expires_at > now())), '[]') as grants
  from users u where ${userFilter}`;

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

export function toViewer(row: PrincipalRow): Viewer {
  const roles = parseJson(row.roles);
  const grants = parseJson(row.grants);
  const permissions = resolvePermissions(
    {
      baseRole: row.base_role,
      isSuperuser: row.is_superuser,
      customRoles: roles.map((r) => ({
        name: r.name,
        permissions: r.permissions,
        expiresAt: r.expires_at ? new Date(r.expires_at) : null,
      })),
      grants: grants.map((g) => ({
        id: g.id,
        resource: g.resource,
        actions: g.actions,
        scope: g.scope,
        expiresAt: g.expires_at ? new Date(g.expires_at) : null,
        isActive: true,
      })),
    },
    new Date(row.now),
  );
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    email: row.email,
    baseRole: row.base_role,
    isSuperuser: row.is_superuser,
    team: row.team,
    regions: parseJson(row.regions),
    sessionVersion: row.session_version,
    secondFactorOn: row.second_factor,
    customRoles: roles.map((r) => r.name),
    permissions,
    can: (resource, action) => permissions.can(resource, action),
    scope: (resource, action) => permissions.scope(resource, action),
  };
}

/** The active user with this id and, when given, this session version; null otherwise. */
export async function loadViewerById(db: Queryable, userId: string, sessionVersion?: number): Promise<Viewer | null> {
  const [row] = await queryRows<PrincipalRow>(db, layersOf(sql`u.id = ${userId}`));
  if (!row || !row.is_active) return null;
  if (sessionVersion !== undefined && row.session_version !== sessionVersion) return null;
  return toViewer(row);
}

/**
 * The active user of a live session (not ended, within its lifetime, seen within `idleMinutes`)
 * with this session version, recording the visit at most once a minute, all in one statement.
 */
export async function loadViewerBySession(
  db: Queryable,
  userId: string,
  sessionId: string,
  sessionVersion: number,
  idleMinutes: number,
): Promise<Viewer | null> {
  const [row] = await queryRows<PrincipalRow>(
    db,
    sql`with session as (
          select id from user_sessions
          where id = ${sessionId} and user_id = ${userId} and ended_at is null and expires_at > now()
            and last_seen_at > now() - make_interval(secs => ${idleMinutes * 60})
        ), touched as (
          update user_sessions set last_seen_at = now()
          where id in (select id from session) and last_seen_at < now() - interval '1 minute'
        )
        ${layersOf(sql`u.id = ${userId} and exists (select 1 from session)`)}`,
  );
  if (!row || !row.is_active || row.session_version !== sessionVersion) return null;
  return { ...toViewer(row), sessionId };
}

/**
 * The active owner of a live (unrevoked, unexpired) API token, recording its use at most once a
 * minute, all in one statement.
 */
export async function loadViewerByTokenHash(db: Queryable, tokenHash: string): Promise<Viewer | null> {
  const [row] = await queryRows<PrincipalRow & TokenRow>(
    db,
    sql`with token as (
          select id, user_id, name, permissions, scopes, expires_at from api_tokens
          where token_hash = ${tokenHash} and revoked_at is null and (expires_at is null or expires_at > now())
        ), touched as (
          update api_tokens set last_used_at = now()
          where id in (select id from token) and (last_used_at is null or last_used_at < now() - interval '1 minute')
        )
        select p.*, t.id as token_id, t.name as token_name, t.permissions as token_permissions,
          t.scopes as token_scopes, t.expires_at as token_expires_at
        from (${layersOf(sql`u.id = (select user_id from token)`)}) p cross join token t`,
  );
  if (!row || !row.is_active) return null;
  // The token's own limits cut the owner's current permissions down, here and nowhere else.
  return narrowViewer(toViewer(row), tokenGrantOf(row));
}

/**
 * The owner's viewer narrowed to the token: the intersection of the token's permissions and the
 * owner's current ones, with the token's row-scope ceilings. withViewer reads `scope` from it, so
 * the row level security settings are narrowed too.
 */
function narrowViewer(owner: Viewer, apiToken: ApiTokenGrant): Viewer {
  const permissions = narrowPermissions(owner.permissions, apiToken.limits);
  return {
    ...owner,
    permissions,
    can: (resource, action) => permissions.can(resource, action),
    scope: (resource, action) => permissions.scope(resource, action),
    apiToken,
  };
}
