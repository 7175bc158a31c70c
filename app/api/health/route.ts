import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 {"status":"ok"} when the database answers and is migrated, else 503. */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  const ok = health.status === "ok";
  return Response.json(health, {
    status: ok ? 200 : 503,
    headers: ok ? { "Cache-Control": "no-store" } : { "Cache-Control": "no-store", "Retry-After": "5" },
  });
}
