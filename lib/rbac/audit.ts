import "server-only";
import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, type AuditEntry } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { parseInput } from "@/lib/validation";
import { requirePermission } from "./access";
import { auditQuery, type AuditEntryView, type AuditPage } from "./schemas";

export type AuditAction =
  | "role.create"
  | "role.update"
  | "role.delete"
  | "role.assign"
  | "role.revoke"
  | "grant.create"
  | "grant.revoke"
  | "user.update"
  | "user.view_as"
  | "user.sessions_end"
  | "user.password_change"
  | "sale.create"
  | "sale.update"
  | "sale.delete"
  | "token.create"
  | "token.revoke"
  | "mfa.enable"
  | "mfa.disable"
  | "mfa.reset"
  | "mfa.recovery_codes";

export interface AuditRecord {
  action: AuditAction;
  targetType: "role" | "user" | "grant" | "sale" | "api_token";
  targetId: string;
  targetLabel: string;
  reason?: string | null;
  before: unknown;
  after: unknown;
}

/** Who made a change: a viewer, or an operator at the command line (no user: `id` null). */
export interface AuditActor {
  id: string | null;
  username: string;
}

/** Writes the audit row of a change, inside the change's own transaction; answers the row's id. */
export async function recordAudit(tx: Tx, actor: AuditActor, record: AuditRecord): Promise<string> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: actor.id,
      actorUsername: actor.username,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      targetLabel: record.targetLabel,
      reason: record.reason ?? null,
      before: record.before ?? null,
      after: record.after ?? null,
      // The wall clock, not the transaction start: rows written in quick succession keep their order.
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

function toView(row: AuditEntry): AuditEntryView {
  return {
    id: row.id,
    actor_id: row.actorId,
    actor_username: row.actorUsername,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    target_label: row.targetLabel,
    reason: row.reason,
    before: row.before,
    after: row.after,
    created_at: row.createdAt.toISOString(),
  };
}

/** The audit log, newest first; `from` is inclusive and `to` exclusive. Requires audit_log:list. */
export async function listAudit(viewer: Viewer, query: unknown): Promise<AuditPage> {
  requirePermission(viewer, "audit_log", "list");
  const filters = parseInput(auditQuery, query);
  const conditions: SQL[] = [];
  if (filters.actor_id) conditions.push(eq(auditLog.actorId, filters.actor_id));
  if (filters.target_id) conditions.push(eq(auditLog.targetId, filters.target_id));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.from) conditions.push(gte(auditLog.createdAt, new Date(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.createdAt, new Date(filters.to)));
  const where = and(...conditions);
  return withViewer(viewer, async (tx) => {
    const rows = await tx
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(filters.page_size)
      .offset((filters.page - 1) * filters.page_size);
    const [total] = await tx.select({ n: count() }).from(auditLog).where(where);
    return { items: rows.map(toView), total: total?.n ?? 0, page: filters.page, page_size: filters.page_size };
  });
}
