import "server-only";
import { sql } from "drizzle-orm";
import journal from "@/db/migrations/meta/_journal.json";
import { getDatabase, queryRows } from "@/db/client";

/** What a load balancer asks: may this server take requests? Nothing private in the answer. */
export type Health =
  | { status: "ok" }
  | { status: "unavailable"; detail: "database unreachable" | "migrations pending" | "database too slow" };

/** The newest migration this build carries (drizzle-kit's journal), by its folder timestamp. */
const LATEST_MIGRATION = Math.max(...journal.entries.map((entry) => entry.when));

const DEADLINE_MS = 2_000;

export async function checkHealth(): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Health>((resolve) => {
    timer = setTimeout(() => resolve({ status: "unavailable", detail: "database too slow" }), DEADLINE_MS);
  });
  try {
    return await Promise.race([late, migrationState()]);
  } catch {
    return { status: "unavailable", detail: "database unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

async function migrationState(): Promise<Health> {
  const { db } = await getDatabase();
  const [row] = await queryRows<{ latest: string | null }>(
    db,
    sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
  );
  return Number(row?.latest ?? 0) >= LATEST_MIGRATION
    ? { status: "ok" }
    : { status: "unavailable", detail: "migrations pending" };
}
