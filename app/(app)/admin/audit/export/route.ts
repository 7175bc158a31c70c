import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { Forbidden, Unavailable } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { signInPath, unavailablePath } from "@/lib/navigation";
import { auditExportFileName } from "@/lib/rbac/audit";
import { AUDIT_PATH } from "@/lib/rbac/console-paths";
import { auditFilters, auditQueryOf } from "@/lib/rbac/console-query";
import { exportAuditCsv } from "@/lib/rbac/service";

/** A relative Location: the request's own URL may name another host than the browser used. */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

// The audit page's "Export CSV" link: the page's filters, read as forgivingly as the page reads
// them, and the permission checked by exportAuditCsv. A browser comes here by navigation, so a
// refusal is a page: the audit log's own 403, which names the missing permission.
export async function GET(request: NextRequest): Promise<Response> {
  const here = request.nextUrl.pathname + request.nextUrl.search;
  try {
    const viewer = await getViewer();
    if (!viewer) return seeOther(signInPath(here));
    const {
      page: _page,
      page_size: _size,
      ...query
    } = auditQueryOf(auditFilters(Object.fromEntries(request.nextUrl.searchParams)), 1);
    return new Response(exportAuditCsv(viewer, query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${auditExportFileName()}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof Forbidden) return seeOther(AUDIT_PATH);
    if (error instanceof Unavailable) return seeOther(unavailablePath(here));
    return errorResponse(error);
  }
}
