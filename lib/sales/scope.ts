// The sales row scope: the catalog's one mechanism (lib/rbac/row-scope.ts) on the sales table.
// Every sales query carries it on top of the database's row level security, so a mistake in
// either layer alone still shows no foreign rows.
import type { SQL } from "drizzle-orm";
import { sales, users } from "@/db/schema";
import type { ScopeSubject } from "@/db/scoped";
import type { Action } from "@/lib/rbac/catalog";
import { requireScopeWhere, rowColumns, scopeWhere } from "@/lib/rbac/row-scope";

const SALE_COLUMNS = rowColumns("sale", sales);

/** The viewer's rows of `sales` for `action`, or null when they may not do it at all. */
export function scopePredicate(viewer: ScopeSubject, action: Action): SQL | null {
  return scopeWhere(viewer, "sale", action, SALE_COLUMNS);
}

/** The predicate, or Forbidden: for callers where "no scope" means "not allowed" (lists, charts, writes). */
export function requireScope(viewer: ScopeSubject, action: Action): SQL {
  return requireScopeWhere(viewer, "sale", action, SALE_COLUMNS);
}

/**
 * The people whose sales the viewer reaches for `action`, as a condition on `users`: the owner
 * picker's choices. A `region` scope reaches rows by where they are, not by whom, so it adds
 * nobody here.
 */
export function ownersReached(viewer: ScopeSubject, action: Action): SQL | null {
  return scopeWhere(viewer, "sale", action, { owner: users.id });
}
