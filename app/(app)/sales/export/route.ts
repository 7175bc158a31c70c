import { browserDownload } from "@/lib/browser-download";
import { csvResponse } from "@/lib/sales/export";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";

// The sales page's "Export CSV" link: the signed-in session, the same filters as the table, the
// same lib function as GET /api/v1/sales/export (which takes Bearer tokens only). A refusal is the
// export's own 403 page.
export const GET = browserDownload(
  (viewer, request) =>
    csvResponse(viewer, listQueryFromSearchParams(Object.fromEntries(request.nextUrl.searchParams)).filters),
  { deniedPath: "/sales/export/denied" },
);
