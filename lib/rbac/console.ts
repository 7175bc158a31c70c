// Reads the admin console needs beyond lib/rbac/service.ts: the choices its forms and filters
// offer. Each checks the same permission as the page that shows it.
import "server-only";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { requirePermission } from "./access";
import { recordExpiries } from "./expiry-audit";

/** The teams users belong to, for the team field's suggestions. Requires user:list. */
export async function listTeams(viewer: Viewer): Promise<string[]> {
  requirePermission(viewer, "user", "list");
  return withViewer(viewer, async (tx) => {
    const rows = await tx
      .selectDistinct({ team: users.team })
      .from(users)
      .where(isNotNull(users.team))
      .orderBy(asc(users.team));
    return rows.flatMap((r) => (r.team ? [r.team] : []));
  });
}

/** Whom a user may report to, and the regions sales are in: the choices of the reporting-line form. */
export async function listOrgChoices(
  viewer: Viewer,
): Promise<{ people: { id: string; username: string; name: string }[]; regions: string[] }> {
  requirePermission(viewer, "user", "list");
  return withViewer(viewer, async (tx) => {
    const people = await tx
      .select({ id: users.id, username: users.username, name: users.name })
      .from(users)
      .where(eq(users.isActive, true))
      .orderBy(asc(users.username));
    const regions = await queryRows<{ region: string }>(
      tx,
      sql`select distinct region from sales_monthly_by_region order by 1`,
    );
    return { people, regions: regions.map((r) => r.region) };
  });
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
