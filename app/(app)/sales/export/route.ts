import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { errorResponse } from "@/lib/http";
import { csvResponse, mayExportSales } from "@/lib/sales/export";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";

// The sales page's "Export CSV" link: the signed-in session, the same filters as the table, the
// same lib function as GET /api/v1/sales/export (which takes Bearer tokens only). A browser comes
// here by navigation, so a refusal is the app's 403 page: a JSON body would be saved as a file.
export async function GET(request: NextRequest): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.redirect(new URL("/login", request.url), 303);
  // A relative Location: the request's own URL may name another host than the browser used.
  if (!mayExportSales(viewer))
    return new Response(null, { status: 303, headers: { Location: "/sales/export/denied" } });
  try {
    const { filters } = listQueryFromSearchParams(Object.fromEntries(request.nextUrl.searchParams));
    return csvResponse(viewer, filters);
  } catch (error) {
    return errorResponse(error);
  }
}
