import { browserDownload } from "@/lib/browser-download";
import { csvAttachment } from "@/lib/http";
import { auditExportFileName } from "@/lib/rbac/audit";
import { AUDIT_PATH } from "@/lib/navigation";
import { auditFilters, auditQueryOf } from "@/app/(app)/admin/search-params";
import { exportAuditCsv } from "@/lib/rbac/service";

// The audit page's "Export CSV" link: the page's filters, read as forgivingly as the page reads
// them, and the permission checked by exportAuditCsv. A refusal is the audit log's own 403, which
// names the missing permission.
export const GET = browserDownload(
  (viewer, request) => {
    const {
      page: _page,
      page_size: _size,
      ...query
    } = auditQueryOf(auditFilters(Object.fromEntries(request.nextUrl.searchParams)), 1);
    return csvAttachment(exportAuditCsv(viewer, query), auditExportFileName());
  },
  { deniedPath: AUDIT_PATH },
);
