import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { Unavailable } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { unavailablePath } from "@/lib/navigation";
import { csvResponse } from "@/lib/sales/export";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";

// The sales page's "Export CSV" link: the signed-in session, the same filters as the table, the
// same lib function as GET /api/v1/sales/export (which takes Bearer tokens only).
export async function GET(request: NextRequest): Promise<Response> {
  const here = request.nextUrl.pathname + request.nextUrl.search;
  try {
    const viewer = await getViewer();
    if (!viewer) return NextResponse.redirect(new URL("/login", request.url), 303);
    const { filters } = listQueryFromSearchParams(Object.fromEntries(request.nextUrl.searchParams));
    return csvResponse(viewer, filters);
  } catch (error) {
    if (error instanceof Unavailable) return NextResponse.redirect(new URL(unavailablePath(here), request.url), 303);
    return errorResponse(error);
  }
}
