// The row scope in SQL, written once. Every sales query carries it on top of the database's row
// level security, so a mistake in either layer alone still shows no foreign rows.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { sales, users } from "@/db/schema";
import type { ScopeSubject } from "@/db/scoped";
import type { Action } from "@/lib/rbac/catalog";
import { Forbidden } from "@/lib/errors";

/**
 * Which owners the viewer reaches for `action`, as a condition on an owner id column: `own` is the
 * viewer himself, `team` anyone in his team, `all` anyone. `null` when he holds no such scope.
 * `teamAs` only changes how a team is written: `array` (owner = any(array(…))) lets the planner read
 * each member's rows by key, the better plan for the small per-owner summaries; `subquery` (owner in
 * (…)) lets it walk a date index and stop early, the better plan for a page of sales.
 */
export function ownerPredicate(
  viewer: ScopeSubject,
  action: Action,
  owner: AnyPgColumn | SQL,
  teamAs: "subquery" | "array" = "subquery",
): SQL | null {
  switch (viewer.scope("sale", action)) {
    case "all":
      return sql`true`;
    case "team": {
      // A team scope without a team reaches nobody, not everybody with a null team.
      if (viewer.team === null) return sql`false`;
      const members = sql`select ${users.id} from ${users} where ${users.team} = ${viewer.team}`;
      return teamAs === "array" ? sql`${owner} = any(array(${members}))` : sql`${owner} in (${members})`;
    }
    case "own":
      return sql`${owner} = ${viewer.id}`;
    default:
      return null;
  }
}

/** The viewer's rows of `sales` for `action`, or null when he may not do it at all. */
export function scopePredicate(viewer: ScopeSubject, action: Action): SQL | null {
  return ownerPredicate(viewer, action, sales.ownerId);
}

/** The predicate, or Forbidden: for callers where "no scope" means "not allowed" (lists, charts, writes). */
export function requireScope(viewer: ScopeSubject, action: Action): SQL {
  const predicate = scopePredicate(viewer, action);
  if (!predicate) throw new Forbidden(`You do not have permission to ${action} sales`);
  return predicate;
}
