import "server-only";
import { and, asc, count, desc, eq, gte, ilike, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, type AuditEntry } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { containsPattern, parseInput } from "@/lib/validation";
import type { z } from "zod";
import { csvLine } from "@/lib/sales/csv";
import { requirePermission } from "./access";
import { auditSentenceText, changedFields, valueWords } from "./audit-sentence";
import { recordExpiries } from "./expiry-audit";
import { auditQuery, type AuditEntryView, type AuditPage } from "./schemas";

export type AuditAction =
  | "role.create"
  | "role.update"
  | "role.delete"
  | "role.assign"
  | "role.revoke"
  | "grant.create"
  | "grant.revoke"
  | "grant.extend"
  | "role.assignment_extend"
  | "user.update"
  | "user.view_as"
  | "user.sessions_end"
  | "user.password_change"
  | "sale.create"
  | "sale.update"
  | "sale.delete"
  | "report.create"
  | "report.update"
  | "report.delete"
  | "token.create"
  | "token.revoke"
  | "mfa.enable"
  | "mfa.disable"
  | "mfa.reset"
  | "mfa.recovery_codes"
  | "flag.update"
  | "access_request.create"
  | "access_request.approve"
  | "access_request.deny";

export interface AuditRecord {
  action: AuditAction;
  targetType: "role" | "user" | "grant" | "sale" | "report" | "api_token" | "feature_flag";
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

type AuditFilterQuery = Omit<z.infer<typeof auditQuery>, "page" | "page_size">;

/** The WHERE of a filtered log, shared by the page and the CSV export. */
function auditConditions(filters: AuditFilterQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.actor_id) conditions.push(eq(auditLog.actorId, filters.actor_id));
  if (filters.target_id) conditions.push(eq(auditLog.targetId, filters.target_id));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(
      or(
        ilike(auditLog.actorUsername, pattern),
        ilike(auditLog.targetLabel, pattern),
        ilike(auditLog.targetId, pattern),
        ilike(auditLog.targetType, pattern),
        ilike(auditLog.action, pattern),
        ilike(auditLog.reason, pattern),
      ),
    );
  }
  if (filters.from) conditions.push(gte(auditLog.createdAt, new Date(filters.from)));
  if (filters.to) conditions.push(lt(auditLog.createdAt, new Date(filters.to)));
  return and(...conditions);
}

/** The audit log, newest first; `from` is inclusive and `to` exclusive. Requires audit_log:list. */
export async function listAudit(viewer: Viewer, query: unknown): Promise<AuditPage> {
  requirePermission(viewer, "audit_log", "list");
  const filters = parseInput(auditQuery, query);
  const where = auditConditions(filters);
  return withViewer(viewer, async (tx) => {
    await recordExpiries(tx);
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

export const AUDIT_CSV_HEADER = [
  "time",
  "actor",
  "action",
  "summary",
  "target_type",
  "target_id",
  "target_label",
  "reason",
  "changes",
  "before",
  "after",
] as const;

/** Rows read per transaction while exporting: memory stays flat however long the log is. */
export const AUDIT_EXPORT_BATCH = 500;

function csvRow(entry: AuditEntryView): string {
  const changes = changedFields(entry.before, entry.after)
    .map((change) => `${change.field}: ${valueWords(change.before)} → ${valueWords(change.after)}`)
    .join("; ");
  return csvLine([
    entry.created_at,
    entry.actor_username,
    entry.action,
    auditSentenceText(entry),
    entry.target_type,
    entry.target_id,
    entry.target_label,
    entry.reason,
    changes,
    entry.before === null ? "" : JSON.stringify(entry.before),
    entry.after === null ? "" : JSON.stringify(entry.after),
  ]);
}

/**
 * The filtered log as CSV, newest first, streamed in keyset batches on (created_at, id), each in
 * its own short transaction. Requires audit_log:list, checked before anything is read; the query
 * is the page's (same schema, same 422s), without paging.
 */
export function exportAuditCsv(viewer: Viewer, query: unknown): ReadableStream<Uint8Array> {
  requirePermission(viewer, "audit_log", "list");
  const filters = parseInput(auditQuery.omit({ page: true, page_size: true }), query);
  const where = auditConditions(filters);
  const encoder = new TextEncoder();
  // The cursor keeps PostgreSQL's microseconds (as text): a JavaScript Date would round them off
  // and skip rows written within the same millisecond.
  let cursor: { createdAt: string; id: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(AUDIT_CSV_HEADER)));
      }
      const after: SQL | undefined = cursor
        ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
        : undefined;
      const rows = await withViewer(viewer, async (tx) => {
        if (!cursor) await recordExpiries(tx);
        return tx
          .select({ entry: auditLog, cursorTime: sql<string>`${auditLog.createdAt}::text` })
          .from(auditLog)
          .where(and(where, after))
          .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
          .limit(AUDIT_EXPORT_BATCH);
      });
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => csvRow(toView(row.entry))).join("")));
      const last = rows.at(-1);
      if (!last || rows.length < AUDIT_EXPORT_BATCH) controller.close();
      else cursor = { createdAt: last.cursorTime, id: last.entry.id };
    },
  });
}

/** A file name for today's audit export. */
export function auditExportFileName(now = new Date()): string {
  return `audit-log-${now.toISOString().slice(0, 10)}.csv`;
}

export interface AuditFilterOptions {
  actors: { id: string; username: string }[];
  targets: { id: string; type: string; label: string }[];
  actions: string[];
}

/** The actors, targets and actions that occur in the audit log, for its filters. Requires audit_log:list. */
export async function auditFilterOptions(viewer: Viewer): Promise<AuditFilterOptions> {
  requirePermission(viewer, "audit_log", "list");
  return withViewer(viewer, async (tx) => {
    await recordExpiries(tx);
    const actors = await tx
      .selectDistinct({ id: auditLog.actorId, username: auditLog.actorUsername })
      .from(auditLog)
      .where(isNotNull(auditLog.actorId))
      .orderBy(asc(auditLog.actorUsername));
    // A target's label is the name it had when changed; the latest one names it.
    const targets = await tx
      .select({
        id: auditLog.targetId,
        type: sql<string>`min(${auditLog.targetType})`,
        label: sql<string>`(array_agg(${auditLog.targetLabel} order by ${auditLog.createdAt} desc))[1]`,
      })
      .from(auditLog)
      .where(and(isNotNull(auditLog.targetId), isNotNull(auditLog.targetLabel)))
      .groupBy(auditLog.targetId)
      .orderBy(sql`3`);
    const actions = await tx.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
    return {
      actors: actors.flatMap((a) => (a.id ? [{ id: a.id, username: a.username ?? a.id }] : [])),
      targets: targets.flatMap((t) => (t.id ? [{ id: t.id, type: t.type, label: t.label }] : [])),
      actions: actions.map((a) => a.action),
    };
  });
}
