import "server-only";
// Saved reports: named views of the sales list and the overview, row-scoped like sales by the
// catalog's one mechanism (lib/rbac/row-scope.ts) and again by the database's policies. A report
// stores a query, never rows, so whoever opens it sees the rows they may see.
import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { reports, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Invalid, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/rbac/audit";
import { reachesRow, requireScopeWhere, rowColumns, scopeWhere } from "@/lib/rbac/row-scope";
import { parseInput, uuidSchema } from "@/lib/validation";
import { reportInput, reportListParams, reportUpdate, type ReportJson } from "./schemas";

const REPORT_COLUMNS = rowColumns("report", reports);

const reportFields = (viewer: Viewer) => ({
  id: reports.id,
  name: reports.name,
  ownerId: reports.ownerId,
  ownerUsername: users.username,
  view: reports.view,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  canUpdate: sql<boolean>`(${scopeWhere(viewer, "report", "update", REPORT_COLUMNS) ?? sql`false`})`,
  canDelete: sql<boolean>`(${scopeWhere(viewer, "report", "delete", REPORT_COLUMNS) ?? sql`false`})`,
});

type ReportRow = {
  id: string;
  name: string;
  ownerId: string;
  ownerUsername: string;
  view: { sales: Record<string, string>; overview: Record<string, string> };
  createdAt: Date;
  updatedAt: Date;
  canUpdate: boolean;
  canDelete: boolean;
};

function toJson(row: ReportRow): ReportJson {
  return {
    id: row.id,
    name: row.name,
    owner_id: row.ownerId,
    owner_username: row.ownerUsername,
    sales: row.view.sales,
    overview: row.view.overview,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: new Date(row.updatedAt).toISOString(),
    can_update: row.canUpdate === true,
    can_delete: row.canDelete === true,
  };
}

/** The audit's picture of a report: what it shows, not who may see it. */
function auditJson(report: ReportJson) {
  const { can_update: _update, can_delete: _delete, ...rest } = report;
  return rest;
}

function reportId(id: string): string {
  const parsed = uuidSchema.safeParse(id);
  if (!parsed.success) throw new NotFound("Report not found");
  return parsed.data;
}

export interface ReportPage {
  items: ReportJson[];
  total: number;
  page: number;
  page_size: number;
}

/** The reports the viewer may list, most recently changed first. */
export async function listReports(viewer: Viewer, query: Record<string, string> = {}): Promise<ReportPage> {
  const scope = requireScopeWhere(viewer, "report", "list", REPORT_COLUMNS);
  const { page = 1, page_size: pageSize = 50 } = parseInput(reportListParams, query, "Invalid query");
  return withViewer(viewer, async (tx) => {
    const rows = await tx
      .select(reportFields(viewer))
      .from(reports)
      .innerJoin(users, eq(users.id, reports.ownerId))
      .where(scope)
      .orderBy(desc(reports.updatedAt), desc(reports.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [total] = await tx.select({ n: count() }).from(reports).where(scope);
    return { items: rows.map(toJson), total: total?.n ?? 0, page, page_size: pageSize };
  });
}

async function readIn(tx: Parameters<Parameters<typeof withViewer>[1]>[0], viewer: Viewer, id: string, scope: SQL) {
  const [row] = await tx
    .select(reportFields(viewer))
    .from(reports)
    .innerJoin(users, eq(users.id, reports.ownerId))
    .where(and(eq(reports.id, id), scope));
  return row ? toJson(row) : undefined;
}

/** One report in the viewer's read scope; any other is "not found", whether or not it exists. */
export async function getReport(viewer: Viewer, id: string): Promise<ReportJson> {
  const scope = requireScopeWhere(viewer, "report", "read", REPORT_COLUMNS);
  const reportKey = reportId(id);
  const found = await withViewer(viewer, (tx) => readIn(tx, viewer, reportKey, scope));
  if (!found) throw new NotFound("Report not found");
  return found;
}

/** Saves a new report owned by the viewer. */
export async function createReport(viewer: Viewer, input: unknown): Promise<ReportJson> {
  requireScopeWhere(viewer, "report", "create", REPORT_COLUMNS);
  const fields = parseInput(reportInput, input);
  // A report always belongs to the person who saves it; their create scope must reach their own rows.
  const own = { ownerId: viewer.id, ownerTeam: viewer.team, ownerManagers: [], region: null };
  if (!reachesRow(viewer, viewer.scope("report", "create"), own)) {
    throw new Invalid("You cannot save reports of your own", [
      { field: "name", message: "Your permissions let you save reports for others only" },
    ]);
  }
  return withViewer(viewer, async (tx) => {
    const [created] = await tx
      .insert(reports)
      .values({ ownerId: viewer.id, name: fields.name, view: { sales: fields.sales, overview: fields.overview } })
      .returning({ id: reports.id });
    const report = created && (await readIn(tx, viewer, created.id, sql`true`));
    if (!report) throw new Error("The new report could not be read back");
    await recordAudit(tx, viewer, {
      action: "report.create",
      targetType: "report",
      targetId: report.id,
      targetLabel: report.name,
      before: null,
      after: auditJson(report),
    });
    return report;
  });
}

/** Changes a report in the viewer's update scope. */
export async function updateReport(viewer: Viewer, id: string, input: unknown): Promise<ReportJson> {
  const scope = requireScopeWhere(viewer, "report", "update", REPORT_COLUMNS);
  const reportKey = reportId(id);
  const fields = parseInput(reportUpdate, input);
  return withViewer(viewer, async (tx) => {
    // Locked, so the audit's "before" is the row this update changes.
    const [locked] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.id, reportKey), scope))
      .for("update");
    const before = locked && (await readIn(tx, viewer, reportKey, scope));
    if (!before) throw new NotFound("Report not found");
    await tx
      .update(reports)
      .set({
        name: fields.name ?? before.name,
        view: { sales: fields.sales ?? before.sales, overview: fields.overview ?? before.overview },
        updatedAt: sql`now()`,
      })
      .where(and(eq(reports.id, reportKey), scope));
    const after = await readIn(tx, viewer, reportKey, scope);
    if (!after) throw new NotFound("Report not found");
    await recordAudit(tx, viewer, {
      action: "report.update",
      targetType: "report",
      targetId: reportKey,
      targetLabel: after.name,
      before: auditJson(before),
      after: auditJson(after),
    });
    return after;
  });
}

/** Deletes a report in the viewer's delete scope; the audit row keeps it as it was. */
export async function deleteReport(viewer: Viewer, id: string): Promise<void> {
  const scope = requireScopeWhere(viewer, "report", "delete", REPORT_COLUMNS);
  const reportKey = reportId(id);
  await withViewer(viewer, async (tx) => {
    const [row] = await tx
      .delete(reports)
      .where(and(eq(reports.id, reportKey), scope))
      .returning({ id: reports.id, name: reports.name, ownerId: reports.ownerId, view: reports.view });
    if (!row) throw new NotFound("Report not found");
    await recordAudit(tx, viewer, {
      action: "report.delete",
      targetType: "report",
      targetId: row.id,
      targetLabel: row.name,
      before: { id: row.id, name: row.name, owner_id: row.ownerId, sales: row.view.sales, overview: row.view.overview },
      after: null,
    });
  });
}
