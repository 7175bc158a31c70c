import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/admin/audit-filters";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { requirePagePermission } from "@/lib/auth/viewer";
import { AUDIT_PATH } from "@/lib/navigation";
import { auditFilters, auditQueryOf, auditSearchParams, type SearchParams } from "@/app/(app)/admin/search-params";
import { auditFilterOptions, listAudit } from "@/lib/rbac/service";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 25;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("audit_log", "list");
  const filters = auditFilters(await searchParams);
  const [log, options] = await Promise.all([
    listAudit(viewer, auditQueryOf(filters, PAGE_SIZE)),
    auditFilterOptions(viewer),
  ]);
  const kept = auditSearchParams(filters);
  const filtered = Object.keys(kept).length > 0;

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit log"
        description="Every change to roles, assignments, grants, accounts and sales, newest first. Rows are never edited or deleted."
        actions={
          <a
            href={`${AUDIT_PATH}/export${Object.keys(kept).length > 0 ? `?${new URLSearchParams(kept)}` : ""}`}
            className={buttonClass({ variant: "outline" })}
            download
          >
            Export CSV
          </a>
        }
      />
      <AuditFilters filters={filters} options={options} />
      {log.items.length === 0 ? (
        <EmptyState
          title={filtered ? "No entries match these filters" : "Nothing has been changed yet"}
          description={
            filtered
              ? "Try a wider date range or fewer filters."
              : "Creating a role, assigning one or granting a permission will show here."
          }
        >
          {filtered && (
            <Link href={AUDIT_PATH} className={buttonClass({ variant: "outline" })}>
              Clear filters
            </Link>
          )}
        </EmptyState>
      ) : (
        <AuditTable entries={log.items} />
      )}
      <Pagination
        page={log.page}
        pageSize={log.page_size}
        total={log.total}
        basePath={AUDIT_PATH}
        searchParams={kept}
      />
    </div>
  );
}
