import { apiDocument } from "@/lib/openapi";

/** Public: describes the API, reveals no data. */
export function GET(): Response {
  return Response.json(apiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
