import { browserDownload } from "@/lib/browser-download";
import { csvAttachment } from "@/lib/http";
import { auditExportFileName } from "@/lib/rbac/audit";
import { AUDIT_PATH } from "@/lib/rbac/console-paths";
import { auditFilters, auditQueryOf } from "@/lib/rbac/console-query";
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
