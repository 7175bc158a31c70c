import "server-only";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { reports, sales, users } from "@/db/schema";
import { withViewer, type ScopeSubject } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin } from "./access";
import { widestOf, type Reach, type RowScopedResource, type Scope } from "./catalog";
import { loadUserLayers, type UserLayers } from "./effective";
import { isGrantValid, type PermissionSource } from "./resolve";
import { reachesRow, reportingLine, rowColumns } from "./row-scope";
import { rowAccessQuery, userIdParam, type AccessLayerView, type RowAccessView, type RowAction } from "./schemas";

type Row = RowAccessView["row"];

/** Each row-scoped resource's table, and what one and many of its rows are called. */
const ROWS = {
  sale: { table: sales, one: "sale", many: "sales", notFound: "Sale not found" },
  report: { table: reports, one: "report", many: "reports", notFound: "Report not found" },
} as const satisfies Record<RowScopedResource, unknown>;

function scopeOf(source: PermissionSource | undefined): Scope | undefined {
  return source && "scope" in source ? source.scope : undefined;
}

/** Every layer of the user, each saying whether it grants (resource, action) and with what scope. */
function layersFor(
  { user, roles, grants, now, permissions }: UserLayers,
  resource: RowScopedResource,
  action: RowAction,
): AccessLayerView[] {
  const sources = permissions.sources(resource, action);
  const scope = (value: Scope | undefined) => (value ? { scope: value } : {});
  const base = sources.find((s) => s.kind === "base_role");
  const fromRole = (name: string) => sources.find((s) => s.kind === "custom_role" && s.role === name);
  const fromGrant = (grantId: string) => sources.find((s) => s.kind === "grant" && s.grantId === grantId);
  const layers: AccessLayerView[] = [];
  if (user.isSuperuser) layers.push({ kind: "superuser", grants: true });
  layers.push({ kind: "base_role", role: user.baseRole, grants: !!base, ...scope(scopeOf(base)) });
  for (const role of roles) {
    const source = fromRole(role.name);
    layers.push({ kind: "custom_role", role: role.name, grants: !!source, ...scope(scopeOf(source)) });
  }
  for (const grant of grants.filter((g) => g.resource === resource)) {
    const source = fromGrant(grant.id);
    layers.push({
      kind: "grant",
      grant_id: grant.id,
      actions: grant.actions,
      expires_at: grant.expiresAt?.toISOString() ?? null,
      status: !grant.isActive ? "revoked" : isGrantValid(grant, now) ? "active" : "expired",
      grants: !!source,
      ...scope(scopeOf(source)),
    });
  }
  return layers;
}

function reachWords(kind: Scope, many: string): string {
  switch (kind) {
    case "own":
      return `their own ${many}`;
    case "region":
      return `the ${many} of their regions`;
    case "team":
      return `their team's ${many}`;
    case "reports":
      return `the ${many} of their reporting line`;
    case "all":
      return `every ${many.replace(/s$/, "")}`;
  }
}

function reasonFor(
  resource: RowScopedResource,
  username: string,
  action: RowAction,
  reach: Reach | null,
  inScope: boolean,
  row: Row,
): string {
  const { one, many } = ROWS[resource];
  if (reach === null) return `${username} holds no permission to ${action} ${many}.`;
  const words = reach.map((kind) => reachWords(kind, many)).join(" and ");
  const where = [
    row.owner_team ? `team ${row.owner_team}` : null,
    reach.includes("region") && row.region ? `region ${row.region}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const owner = `${row.owner_username}'s ${one}${where ? ` (${where})` : ""}`;
  return inScope
    ? `${username} may ${action} ${words}, and this is ${owner}.`
    : `${username} may ${action} only ${words}, and this is ${owner}.`;
}

/**
 * Why a user may or may not `action` one row of a row-scoped resource (a sale, a report): layer by layer, the scope the app applies, and the
 * same read run as that user under row level security in a read-only transaction. The database is
 * asked with the context cut to that action's scope: its policies for every action come from one
 * template (migration 0014), so a row it shows is a row that action's policy admits. Admins only.
 */
export async function explainRowAccess(
  viewer: Viewer,
  userId: string,
  query: Record<string, string>,
): Promise<RowAccessView> {
  requireAdmin(viewer);
  const { user_id } = parseInput(userIdParam, { user_id: userId }, "Invalid path");
  const { resource, action, id } = parseInput(rowAccessQuery, query, "Invalid query");
  const { table, notFound } = ROWS[resource];
  const columns = rowColumns(resource, table);
  const { layers, row, above } = await withViewer(viewer, async (tx) => {
    const found = await loadUserLayers(tx, user_id);
    const [owned] = await tx
      .select({
        owner_id: sql<string>`${columns.owner}`,
        owner_username: users.username,
        owner_team: users.team,
        region: sql<string | null>`${columns.region ?? sql`null`}`,
      })
      .from(table)
      .innerJoin(users, eq(users.id, columns.owner))
      .where(eq(table.id, id));
    if (!owned) throw new NotFound(notFound);
    // Whether the user is above the owner: the reporting line below the user, asked of the database.
    const [line] = await queryRows<{ above: boolean }>(
      tx,
      sql`select ${owned.owner_id}::uuid in (${reportingLine(found.user.id)}) as above`,
    );
    return { layers: found, row: owned, above: line?.above === true };
  });
  const { user, permissions } = layers;
  const reach = permissions.scope(resource, action);
  const inScope = reachesRow(user, reach, {
    ownerId: row.owner_id,
    ownerTeam: row.owner_team,
    ownerManagers: above ? [user.id] : [],
    region: row.region,
  });
  const asked: ScopeSubject = {
    id: user.id,
    team: user.team,
    regions: user.regions,
    scope: (asked, asking) => (asked === resource && (asking === "read" || asking === "list") ? reach : null),
  };
  const visible = await withViewer(asked, async (tx) => {
    await tx.execute(sql`set transaction read only`);
    return (await queryRows(tx, sql`select 1 from ${table} where ${table.id} = ${id}`)).length > 0;
  });
  const allowed = reach !== null && inScope;
  return {
    user_id: user.id,
    username: user.username,
    resource,
    action,
    id,
    allowed,
    reason: reasonFor(resource, user.username, action, reach, inScope, row),
    layers: layersFor(layers, resource, action),
    scope: widestOf(reach),
    reach: reach ? [...reach] : null,
    row,
    row_in_scope: inScope,
    database: { visible },
    agree: allowed === visible,
  };
}
