import type { Metadata } from "next";
import Link from "next/link";
import { RequestAccessLink } from "@/components/access/request-access-link";
import { ActionForm } from "@/components/action-form";
import { PageHeader } from "@/components/shell/page-header";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/lib/auth/viewer";
import { isOwnOnly, widestOf } from "@/lib/rbac/catalog";
import { listReports } from "@/lib/reports/reports";
import { COLUMN_LABELS, columnsFromParam, isColumnShown, SALE_LIST_COLUMNS } from "@/lib/sales/columns";
import { RANGE_PRESETS } from "@/lib/sales/ranges";
import { deleteReportAction } from "./actions";

export const metadata: Metadata = { title: "Reports" };

type SearchParams = Record<string, string | string[] | undefined>;

const href = (path: string, query: Record<string, string>) => {
  const text = new URLSearchParams(query).toString();
  return text ? `${path}?${text}` : path;
};

/** A saved view in words: "Region EMEA, won · Owner hidden · Last 12 months". */
function describeView(sales: Record<string, string>, overview: Record<string, string>): string {
  const filters = Object.entries(sales)
    .filter(([key]) => key !== "sort" && key !== "page_size" && key !== "cols")
    .map(([key, value]) => `${key.replace("_", " ")} ${value}`);
  const columns = columnsFromParam(sales.cols);
  const hidden = SALE_LIST_COLUMNS.filter((column) => !isColumnShown(columns, column)).map((c) => COLUMN_LABELS[c]);
  const range =
    RANGE_PRESETS.find((preset) => preset.id === overview.range)?.label ??
    (overview.from || overview.to ? `${overview.from ?? "…"} to ${overview.to ?? "…"}` : "Last 12 months");
  const parts = [
    filters.length > 0 ? filters.join(", ") : "All deals",
    hidden.length > 0 && `${hidden.join(", ")} hidden`,
  ];
  return [...parts.filter((part) => part !== false), range].join(" · ");
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("report", "list");
  const params = await searchParams;
  const page = Number(params.page) > 0 ? String(Math.floor(Number(params.page))) : "1";
  const reports = await listReports(viewer, { page });
  const showOwner = !isOwnOnly(viewer.scope("report", "list"));
  const mayCreate = viewer.can("report", "create");
  const someUndeletable = reports.items.some((report) => !report.can_delete);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Reports"
        description="Saved views of the sales list and the overview. A report keeps its filters, never its rows: whoever opens it sees the deals they may see."
        actions={
          (!mayCreate || someUndeletable) && (
            <>
              {!mayCreate && (
                <RequestAccessLink resource="report" action="create">
                  Request to save reports
                </RequestAccessLink>
              )}
              {someUndeletable && (
                <RequestAccessLink resource="report" action="delete" scope={widestOf(viewer.scope("report", "list"))}>
                  Request to delete reports
                </RequestAccessLink>
              )}
            </>
          )
        }
      />
      {reports.items.length === 0 ? (
        <EmptyState
          title="No reports yet"
          description={
            mayCreate
              ? "Filter the sales list the way you want it, then choose Save as report."
              : "Nobody has shared a report with you yet."
          }
        />
      ) : (
        <>
          <Table aria-label="Reports">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>What it shows</TableHead>
                {showOwner && <TableHead>Owner</TableHead>}
                <TableHead>Changed</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {reports.items.map((report) => (
                <TableRow key={report.id}>
                  <TableCell className="font-medium">
                    <Link className="underline-offset-4 hover:underline" href={href("/sales", report.sales)}>
                      {report.name}
                    </Link>
                  </TableCell>
                  <TableCell className="text-sm text-muted-foreground">
                    {describeView(report.sales, report.overview)}
                  </TableCell>
                  {showOwner && <TableCell>{report.owner_username}</TableCell>}
                  <TableCell>
                    <DateTime value={report.updated_at} />
                  </TableCell>
                  <TableCell className="text-right">
                    <div className="flex justify-end gap-2">
                      <Link
                        className="text-sm underline-offset-4 hover:underline"
                        href={href("/", report.overview)}
                        aria-label={`Open the overview of ${report.name}`}
                      >
                        Overview
                      </Link>
                      {report.can_delete && (
                        <ActionForm action={deleteReportAction} quiet>
                          <input type="hidden" name="id" value={report.id} />
                          <ConfirmButton
                            size="sm"
                            title={`Delete "${report.name}"?`}
                            description="The report is removed for everyone who can see it. The deals stay as they are."
                            confirmLabel="Delete report"
                          >
                            Delete
                          </ConfirmButton>
                        </ActionForm>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination
            page={reports.page}
            pageSize={reports.page_size}
            total={reports.total}
            basePath="/reports"
            searchParams={params}
          />
        </>
      )}
    </div>
  );
}
