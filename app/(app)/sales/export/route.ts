import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { Unavailable } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { signInPath, unavailablePath } from "@/lib/navigation";
import { csvResponse, mayExportSales } from "@/lib/sales/export";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";

/** A relative Location: the request's own URL may name another host than the browser used. */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

// The sales page's "Export CSV" link: the signed-in session, the same filters as the table, the
// same lib function as GET /api/v1/sales/export (which takes Bearer tokens only). A browser comes
// here by navigation, so a refusal is a page (sign-in, the app's 403, the 503 page): a JSON body
// would be saved as a file.
export async function GET(request: NextRequest): Promise<Response> {
  const here = request.nextUrl.pathname + request.nextUrl.search;
  try {
    const viewer = await getViewer();
    if (!viewer) return seeOther(signInPath(here));
    if (!mayExportSales(viewer)) return seeOther("/sales/export/denied");
    const { filters } = listQueryFromSearchParams(Object.fromEntries(request.nextUrl.searchParams));
    return csvResponse(viewer, filters);
  } catch (error) {
    if (error instanceof Unavailable) return seeOther(unavailablePath(here));
    return errorResponse(error);
  }
}
