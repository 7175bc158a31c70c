import { sql } from "drizzle-orm";
import { ROW_SCOPED_RESOURCES, unionReach, type Action, type Reach, type Resource } from "@/lib/rbac/catalog";
import { getDatabase, withDeadline, type DatabaseHandle, type Tx } from "./client";
import { POLICY_ACTIONS, signRowContext, type RowContext, type RowContextScopeKey } from "./row-context";

/** The application role every request runs as (created by the migrations). */
export const APP_ROLE = "sales_app";

/** What the database needs to know about the viewer to scope rows. */
export interface ScopeSubject {
  id: string;
  team: string | null;
  /** The regions the `region` scope reaches. */
  regions: readonly string[];
  scope(resource: Resource, action: Action): Reach | null;
}

/** The viewer's identity and, for every row-scoped resource, the scopes each policy admits. */
export function rowContextOf(subject: ScopeSubject): RowContext {
  const scopes = {} as Record<RowContextScopeKey, string>;
  for (const resource of ROW_SCOPED_RESOURCES) {
    for (const action of POLICY_ACTIONS) {
      const reach =
        action === "read"
          ? unionReach(subject.scope(resource, "read"), subject.scope(resource, "list"))
          : subject.scope(resource, action);
      // Without a team, a team scope reaches the holder's own rows, as lib/rbac/row-scope.ts says.
      const kinds = reach?.map((kind) => (kind === "team" && subject.team === null ? "own" : kind));
      scopes[`${resource}_${action}`] = kinds?.join(",") ?? "";
    }
  }
  return { user_id: subject.id, team: subject.team ?? "", regions: subject.regions, ...scopes };
}

/**
 * Runs `fn` in one transaction as the application role, with the viewer's identity and per-action
 * row scopes of every row-scoped resource signed into app.context for the row level security
 * policies (db/row-context.ts). Settings and role are local to the
 * transaction, so a pooled connection (or a transaction-mode pooler) never carries them to another
 * request.
 */
export async function withViewer<T>(subject: ScopeSubject, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scopedTransaction(await getDatabase(), subject, fn, false);
}

/**
 * The same, read-only, on the read replica when DATABASE_READ_URL is set (else on the primary).
 * For the dashboard's heavy reads only: the viewer is always resolved, and every write and every
 * read inside a write made, on the primary. A replica may lag a moment behind the primary.
 */
export async function withViewerOnReplica<T>(subject: ScopeSubject, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return scopedTransaction(await getDatabase(), subject, fn, true);
}

/**
 * Within the request deadline; the transaction's statements are bounded by statement_timeout and
 * idle_in_transaction_session_timeout, set here too so they hold behind a transaction pooler.
 */
function scopedTransaction<T>(
  handle: DatabaseHandle,
  subject: ScopeSubject,
  fn: (tx: Tx) => Promise<T>,
  onReader: boolean,
): Promise<T> {
  const { timeouts } = handle;
  // The signed context, the timeouts, then the role switch (SET LOCAL ROLE as a setting), in one
  // statement that goes out with fn's first. The policies trust only a context whose signature
  // the database checks.
  const context = signRowContext(rowContextOf(subject));
  const opening = sql`select
    set_config('app.context', ${context}, true),
    set_config('statement_timeout', ${String(timeouts.statementMs)}, true),
    set_config('idle_in_transaction_session_timeout', ${String(timeouts.idleInTransactionMs)}, true),
    set_config('role', ${APP_ROLE}, true)`;
  return withDeadline(timeouts, () => handle.transaction(opening, fn, { onReader }));
}
