import { sql } from "drizzle-orm";
import { type Action, type Scope, widerScope } from "@/lib/rbac/catalog";
import { getDatabase, withDeadline, type Database, type Timeouts, type Tx } from "./client";
import { signRowContext } from "./row-context";

/** The application role every request runs as (created by the migrations). */
export const APP_ROLE = "sales_app";

/** What the database needs to know about the viewer to scope rows. */
export interface ScopeSubject {
  id: string;
  team: string | null;
  scope(resource: "sale", action: Action): Scope | null;
}

/**
 * Runs `fn` in one transaction as the application role, with the viewer's identity and per-action
 * row scopes signed into app.context for the row level security policies (db/row-context.ts). Settings and role are local to the
 * transaction, so a pooled connection (or a transaction-mode pooler) never carries them to another
 * request.
 */
export async function withViewer<T>(subject: ScopeSubject, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { db, timeouts } = await getDatabase();
  return scopedTransaction(db, timeouts, subject, fn);
}

/**
 * The same, read-only, on the read replica when DATABASE_READ_URL is set (else on the primary).
 * For the dashboard's heavy reads only: the viewer is always resolved, and every write and every
 * read inside a write made, on the primary. A replica may lag a moment behind the primary.
 */
export async function withViewerOnReplica<T>(subject: ScopeSubject, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { db, reader, timeouts } = await getDatabase();
  return scopedTransaction(reader, timeouts, subject, fn, reader === db ? undefined : "read only");
}

/**
 * Within the request deadline; the transaction's statements are bounded by statement_timeout and
 * idle_in_transaction_session_timeout, set here too so they hold behind a transaction pooler.
 */
async function scopedTransaction<T>(
  db: Database,
  timeouts: Timeouts,
  subject: ScopeSubject,
  fn: (tx: Tx) => Promise<T>,
  accessMode?: "read only",
): Promise<T> {
  const read = widerScope(subject.scope("sale", "read"), subject.scope("sale", "list"));
  return withDeadline(timeouts, () =>
    db.transaction(
      async (tx) => {
        // One round trip: the signed context, the timeouts, then the role switch (SET LOCAL ROLE
        // as a setting). The policies trust only a context whose signature the database checks.
        const context = signRowContext({
          user_id: subject.id,
          team: subject.team ?? "",
          sale_read: read ?? "",
          sale_create: subject.scope("sale", "create") ?? "",
          sale_update: subject.scope("sale", "update") ?? "",
          sale_delete: subject.scope("sale", "delete") ?? "",
        });
        await tx.execute(sql`select
        set_config('app.context', ${context}, true),
        set_config('statement_timeout', ${String(timeouts.statementMs)}, true),
        set_config('idle_in_transaction_session_timeout', ${String(timeouts.idleInTransactionMs)}, true),
        set_config('role', ${APP_ROLE}, true)`);
        return fn(tx);
      },
      accessMode ? { accessMode } : undefined,
    ),
  );
}
