// Row scope, written once for every row-scoped resource: the explicit WHERE the app puts on its
// queries, and the same rule in plain code for one row. The database checks the rule a second time
// with policies made by one function for the columns the catalog names (migration 0014).
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { ScopeSubject } from "@/db/scoped";
import { Forbidden } from "@/lib/errors";
import { RESOURCE_LABELS, ROW_SCOPE, type Action, type Reach, type RowScopedResource, type Scope } from "./catalog";

/** Who holds a scope: what its kinds are measured from. */
export type ScopeHolder = Pick<ScopeSubject, "id" | "team" | "regions">;

/** The columns a scope is tested on: whose the row is and, when it has one, where. */
export interface RowColumns {
  owner: AnyPgColumn | SQL;
  region?: AnyPgColumn | SQL;
}

/**
 * How a set of owners is written: `subquery` (owner in (…)) lets the planner walk a date index and
 * stop early, the better plan for a page of rows; `array` (owner = any(array(…))) lets it read each
 * owner's rows by key, the better plan for the small per-owner summaries.
 */
export type OwnerForm = "subquery" | "array";

/** The catalog's columns of `resource`, found on `table` by name. */
export function rowColumns(resource: RowScopedResource, table: PgTable): RowColumns {
  const declared: { owner: string; region?: string } = ROW_SCOPE[resource];
  const byName = new Map(Object.values(getTableColumns(table)).map((column) => [column.name, column]));
  const owner = byName.get(declared.owner);
  if (!owner) throw new Error(`The table of ${resource} has no column ${declared.owner}`);
  const region = declared.region ? byName.get(declared.region) : undefined;
  return region ? { owner, region } : { owner };
}

/** Everyone below `userId` in the reporting line, and `userId`: a query of one column `id`. */
export function reportingLine(userId: string): SQL {
  return sql`with recursive line(id) as (
      select ${userId}::uuid
      union
      select u.id from users u join line on u.manager_id = line.id
    ) select id from line`;
}

function owners(owner: AnyPgColumn | SQL, members: SQL, form: OwnerForm): SQL {
  return form === "array" ? sql`${owner} = any(array(${members}))` : sql`${owner} in (${members})`;
}

function kindPredicate(subject: ScopeHolder, kind: Scope, columns: RowColumns, form: OwnerForm): SQL {
  switch (kind) {
    case "all":
      return sql`true`;
    case "own":
      return sql`${columns.owner} = ${subject.id}`;
    case "team":
      // A team scope covers its holder's own rows (CONTAINS in the catalog); without a team it
      // reaches those alone, not everybody with a null team.
      if (subject.team === null) return sql`${columns.owner} = ${subject.id}`;
      return owners(columns.owner, sql`select id from users where team = ${subject.team}`, form);
    case "reports":
      return owners(columns.owner, reportingLine(subject.id), form);
    case "region":
      // Rows without a region, or a viewer without regions: no rows.
      if (!columns.region || subject.regions.length === 0) return sql`false`;
      return sql`${columns.region} in (${sql.join(
        subject.regions.map((region) => sql`${region}`),
        sql`, `,
      )})`;
  }
}

/** The rows a reach gives, as a condition on `columns`; null when nothing is held. */
export function reachPredicate(
  subject: ScopeHolder,
  reach: Reach | null,
  columns: RowColumns,
  form: OwnerForm = "subquery",
): SQL | null {
  if (!reach) return null;
  const parts = reach.map((kind) => kindPredicate(subject, kind, columns, form));
  return parts.length === 1 ? (parts[0] as SQL) : sql`(${sql.join(parts, sql` or `)})`;
}

/** The viewer's rows of `resource` for `action`, or null when they may not do it at all. */
export function scopeWhere(
  subject: ScopeSubject,
  resource: RowScopedResource,
  action: Action,
  columns: RowColumns,
  form: OwnerForm = "subquery",
): SQL | null {
  return reachPredicate(subject, subject.scope(resource, action), columns, form);
}

/** The same, or Forbidden: for callers where "no scope" means "not allowed" (lists, charts, writes). */
export function requireScopeWhere(
  subject: ScopeSubject,
  resource: RowScopedResource,
  action: Action,
  columns: RowColumns,
  form: OwnerForm = "subquery",
): SQL {
  const predicate = scopeWhere(subject, resource, action, columns, form);
  if (!predicate) {
    throw new Forbidden(`You do not have permission to ${action} ${RESOURCE_LABELS[resource].toLowerCase()}`);
  }
  return predicate;
}

/** What decides whether a scope reaches one row. */
export interface RowFacts {
  ownerId: string;
  /** The owner's team. */
  ownerTeam: string | null;
  /** The owner's managers, nearest first, up the reporting line. */
  ownerManagers: readonly string[];
  /** Null for resources without a region. */
  region: string | null;
}

/** Whether one kind of scope reaches the row: the rule `reachPredicate` writes in SQL. */
export function kindReachesRow(subject: ScopeHolder, kind: Scope, row: RowFacts): boolean {
  switch (kind) {
    case "all":
      return true;
    case "own":
      return row.ownerId === subject.id;
    case "team":
      return subject.team === null ? row.ownerId === subject.id : row.ownerTeam === subject.team;
    case "reports":
      return row.ownerId === subject.id || row.ownerManagers.includes(subject.id);
    case "region":
      return row.region !== null && subject.regions.includes(row.region);
  }
}

/** Whether a reach gives the row. */
export function reachesRow(subject: ScopeHolder, reach: Reach | null, row: RowFacts): boolean {
  return reach !== null && reach.some((kind) => kindReachesRow(subject, kind, row));
}
