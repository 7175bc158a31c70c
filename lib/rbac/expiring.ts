// "Expiring soon": the direct grants and role assignments that end within the week (database
// clock), and extending one of them with a reason. The console's page and the REST API both come
// through here.
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { queryRows } from "@/db/client";
import { customRoles, directPermissionGrants, userCustomRoles } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin, requirePermission } from "./access";
import { lockUser } from "./assignments";
import { recordAudit } from "./audit";
import { isResource, type Resource } from "./catalog";
import {
  EXPIRING_WINDOW_DAYS,
  expiringItemParams,
  expiringQuery,
  extendInput,
  type ExpiringItem,
  type ExpiringKind,
  type ExpiringPage,
  type ExtendInput,
  type ExtendResult,
} from "./expiring-schemas";
import { assertGrantDuration } from "./grant-duration";

const LAST_INSTANT = Date.parse("2100-01-01T00:00:00Z");

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface ExpiringRow {
  kind: ExpiringKind;
  id: string;
  user_id: string;
  username: string;
  user_name: string;
  expires_at: string;
  reason: string | null;
  resource: string | null;
  actions: string[] | null;
  scope: string | null;
  role: string | null;
}

function itemOf(row: ExpiringRow): ExpiringItem {
  const common = {
    id: row.id,
    user_id: row.user_id,
    username: row.username,
    user_name: row.user_name,
    expires_at: row.expires_at,
    reason: row.reason,
  };
  return row.kind === "grant"
    ? { kind: "grant", ...common, resource: row.resource ?? "", actions: row.actions ?? [], scope: row.scope }
    : { kind: "assignment", ...common, role: row.role ?? "" };
}

/**
 * Active grants and role assignments that end after now and within the next week, soonest first
 * (ties by id, so pages never overlap). Already ended, revoked (deleted) or deactivated ones are not
 * listed. Requires permission:read.
 */
export async function listExpiring(viewer: Viewer, query: unknown = {}): Promise<ExpiringPage> {
  requirePermission(viewer, "permission", "read");
  const { page, page_size } = parseInput(expiringQuery, query);
  const window = sql`now() + make_interval(days => ${EXPIRING_WINDOW_DAYS})`;
  const soon = sql`
    select 'grant' as kind, g.id::text as id, g.user_id::text as user_id, u.username, u.name as user_name,
      g.expires_at as ends, ${iso(sql`g.expires_at`)} as expires_at, g.reason,
      g.resource, g.actions, g.scope, null as role
    from direct_permission_grants g join users u on u.id = g.user_id
    where g.is_active and g.expires_at > now() and g.expires_at <= ${window}
    union all
    select 'assignment', a.id::text, a.user_id::text, u.username, u.name,
      a.expires_at, ${iso(sql`a.expires_at`)}, a.reason,
      null, null, null, r.name
    from user_custom_roles a join custom_roles r on r.id = a.role_id join users u on u.id = a.user_id
    where a.expires_at > now() and a.expires_at <= ${window}`;
  return withViewer(viewer, async (tx) => {
    const rows = await queryRows<ExpiringRow>(
      tx,
      sql`select * from (${soon}) soon order by ends, id limit ${page_size} offset ${(page - 1) * page_size}`,
    );
    const [counted] = await queryRows<{ total: number; now: string }>(
      tx,
      sql`select (select count(*) from (${soon}) soon)::int as total, ${iso(sql`now()`)} as now`,
    );
    return { items: rows.map(itemOf), total: counted?.total ?? 0, page, page_size, now: counted?.now ?? "" };
  });
}

/** The item to extend, row-locked, with the database clock read in the same statement. */
interface LockedItem {
  userId: string;
  expiresAt: Date | null;
  now: Date;
  /** What the audit row shows of it besides its end. */
  describe: Record<string, unknown>;
  /** The resource a grant is on; null for a role assignment. */
  resource: Resource | null;
}

async function userIdOf(tx: Tx, kind: ExpiringKind, id: string): Promise<string> {
  const [row] =
    kind === "grant"
      ? await tx
          .select({ userId: directPermissionGrants.userId })
          .from(directPermissionGrants)
          .where(eq(directPermissionGrants.id, id))
      : await tx.select({ userId: userCustomRoles.userId }).from(userCustomRoles).where(eq(userCustomRoles.id, id));
  if (!row) throw new NotFound(kind === "grant" ? "Grant not found" : "Role assignment not found");
  return row.userId;
}

async function lockItem(tx: Tx, kind: ExpiringKind, id: string, userId: string): Promise<LockedItem | null> {
  const now = sql<Date>`now()`.mapWith(directPermissionGrants.expiresAt);
  if (kind === "grant") {
    const [grant] = await tx
      .select({ grant: directPermissionGrants, now })
      .from(directPermissionGrants)
      .where(and(eq(directPermissionGrants.id, id), eq(directPermissionGrants.userId, userId)))
      .for("update");
    if (!grant) return null;
    const { resource, actions, scope, isActive } = grant.grant;
    if (!isActive) throw new Conflict("This grant is deactivated: grant the permission again instead");
    return {
      userId,
      expiresAt: grant.grant.expiresAt,
      now: grant.now,
      describe: { id, resource, actions, scope },
      resource: isResource(resource) ? resource : null,
    };
  }
  const [assignment] = await tx
    .select({ expiresAt: userCustomRoles.expiresAt, role: customRoles.name, now })
    .from(userCustomRoles)
    .innerJoin(customRoles, eq(customRoles.id, userCustomRoles.roleId))
    .where(and(eq(userCustomRoles.id, id), eq(userCustomRoles.userId, userId)))
    .for("update", { of: userCustomRoles });
  if (!assignment) return null;
  return {
    userId,
    expiresAt: assignment.expiresAt,
    now: assignment.now,
    describe: { id, role: assignment.role },
    resource: null,
  };
}

/** The new end: later than the current one and than now (database clock), before 2100. */
function newEnd(item: LockedItem & { expiresAt: Date }, input: ExtendInput): Date {
  const end = input.add_days
    ? new Date(item.expiresAt.getTime() + input.add_days * 86_400_000)
    : new Date(input.expires_at!);
  const refuse = (message: string) => new Invalid("Invalid input", [{ field: "expires_at", message }]);
  if (end.getTime() <= item.now.getTime()) throw refuse("Choose an expiry in the future");
  if (end.getTime() <= item.expiresAt.getTime()) throw refuse("Choose a later end than the current one");
  if (end.getTime() > LAST_INSTANT) throw refuse("Choose a date between 1970 and 2099");
  return end;
}

/**
 * Moves the end of one grant or role assignment later, with a reason (admins only). The user and
 * then the item are locked, so the audit row's before is the end this change replaced. An item that
 * never ends, has already ended or was revoked is not extended (409, or 404 once deleted).
 */
export async function extendExpiry(
  viewer: Viewer,
  kind: ExpiringKind,
  id: string,
  input: unknown,
): Promise<ExtendResult> {
  requireAdmin(viewer);
  const itemId = parseInput(expiringItemParams, { id }, "Invalid path").id.toLowerCase();
  const extension = parseInput(extendInput, input);
  return withViewer(viewer, async (tx) => {
    const user = await lockUser(tx, await userIdOf(tx, kind, itemId));
    const item = await lockItem(tx, kind, itemId, user.id);
    const what = kind === "grant" ? "grant" : "role assignment";
    if (!item) throw new NotFound(`${what[0]!.toUpperCase()}${what.slice(1)} not found`);
    const { expiresAt } = item;
    if (!expiresAt) throw new Conflict(`This ${what} never expires: there is nothing to extend`);
    if (expiresAt.getTime() <= item.now.getTime()) {
      throw new Conflict(`This ${what} has already expired: ${kind === "grant" ? "grant" : "assign"} it again instead`);
    }
    const end = newEnd({ ...item, expiresAt }, extension);
    if (item.resource) assertGrantDuration(item.resource, end, item.now);
    if (kind === "grant") {
      await tx.update(directPermissionGrants).set({ expiresAt: end }).where(eq(directPermissionGrants.id, itemId));
    } else {
      await tx.update(userCustomRoles).set({ expiresAt: end }).where(eq(userCustomRoles.id, itemId));
    }
    await recordAudit(tx, viewer, {
      action: kind === "grant" ? "grant.extend" : "role.assignment_extend",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.username,
      reason: extension.reason,
      before: { ...item.describe, expires_at: expiresAt.toISOString() },
      after: { ...item.describe, expires_at: end.toISOString() },
    });
    return {
      status: "extended",
      kind,
      id: itemId,
      user_id: user.id,
      previous_expires_at: expiresAt.toISOString(),
      expires_at: end.toISOString(),
    };
  });
}
