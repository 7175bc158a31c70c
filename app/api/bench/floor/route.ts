import type { NextRequest } from "next/server";
import { benchFloorsEnabled, floorBytes, floorJson } from "@/lib/bench-floors";
import { errorResponse } from "@/lib/http";
import { Invalid, NotFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** GET /api/bench/floor?bytes=N: N bytes of JSON and nothing else, with BENCH_FLOORS=on only. */
export function GET(request: NextRequest): Response {
  if (!benchFloorsEnabled()) return errorResponse(new NotFound("Not found"));
  const bytes = floorBytes(request.nextUrl.searchParams.get("bytes") ?? "0");
  if (bytes === null)
    return errorResponse(new Invalid("Invalid query", [{ field: "bytes", message: "A whole number up to 2000000" }]));
  return new Response(floorJson(bytes), {
    headers: { "Content-Type": "application/json", "Cache-Control": "private, no-store" },
  });
}
