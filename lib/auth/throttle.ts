import { isIP } from "node:net";
import { and, count, gt, inArray, lt, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { loginFailures } from "@/db/schema";
import { UNREADABLE_ADDRESS } from "./client-address";

/** After this many failures within the window, further tries are refused until old ones age out. */
export const MAX_FAILURES = 10;
export const WINDOW_MINUTES = 15;

export { UNREADABLE_ADDRESS };

/**
 * The client's address. The server entry (server.ts) sets X-Forwarded-For to the one address it
 * trusts (the socket's peer, or what a trusted proxy forwarded); anything else that is not a
 * well-formed IP address (a forged header of any length) counts against one shared budget, so the
 * failure is always recorded and never overflows its column.
 */
export function clientAddress(headers: Headers): string | null {
  const given = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (!given) return null;
  return isIP(given) ? given : UNREADABLE_ADDRESS;
}

export function throttleKeys(login: string, address: string | null): string[] {
  return [`user:${login.trim().toLowerCase()}`, ...(address ? [`ip:${address}`] : [])];
}

const windowStart = sql`now() - make_interval(mins => ${WINDOW_MINUTES})`;

/** True when any of the keys (account, address) has reached the failure limit. */
export async function isThrottled(db: Queryable, keys: string[]): Promise<boolean> {
  const rows = await db
    .select({ key: loginFailures.key, n: count() })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, keys), gt(loginFailures.failedAt, windowStart)))
    .groupBy(loginFailures.key);
  return rows.some((row) => row.n >= MAX_FAILURES);
}

export async function recordFailure(db: Queryable, keys: string[]): Promise<void> {
  await db.insert(loginFailures).values(keys.map((key) => ({ key })));
  // Old attempts no longer count; drop them so the table stays small.
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, sql`now() - interval '1 day'`));
}

/** A successful sign-in clears the account's failures (the address keeps its count). */
export async function clearAccountFailures(db: Queryable, login: string): Promise<void> {
  await db.delete(loginFailures).where(inArray(loginFailures.key, throttleKeys(login, null)));
}
