// The sign-in throttle (OWASP ASVS V6.3; Auth0's brute-force protection is the model). Tries are
// counted per account *and* address, so a colleague's typos on the office network lock out
// nobody else, and an attacker's failures do not lock the victim out from their own address;
// and per address across accounts, with a much higher limit, against spraying one password at
// many accounts. Past a limit, tries are refused for a period that doubles with each further
// failure. A try is counted before the password is checked, in one statement, so parallel tries
// cannot get more guesses than the limit.
import { isIP } from "node:net";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Queryable } from "@/db/client";
import { signInThrottle } from "@/db/schema";
import { UNREADABLE_ADDRESS } from "./client-address";

export { UNREADABLE_ADDRESS };

export interface ThrottleRule {
  /** Tries (since the last success, within a day) before the key is locked. */
  limit: number;
  /** The first lock; each further failure doubles it, up to a day. */
  lockSeconds: number;
}

/** One account from one address. */
export const ACCOUNT_AT_ADDRESS: ThrottleRule = { limit: 10, lockSeconds: 60 };
/** Every account from one address: an office behind one NAT shares it. */
export const ADDRESS: ThrottleRule = { limit: 100, lockSeconds: 5 * 60 };

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

export interface ThrottleKeys {
  pair: string;
  address: string;
}

/**
 * `account` names the account tried: its id when the login names one (so username and email,
 * in any case, share one budget), else the login as typed, lowercased.
 */
export function throttleKeys(account: string, address: string | null): ThrottleKeys {
  const at = address ?? UNREADABLE_ADDRESS;
  return { pair: `pair:${account.slice(0, 300)}@${at}`, address: `ip:${at}` };
}

/** Refused: locked for this many more seconds. */
export interface Locked {
  retryAfterSeconds: number;
}

const DAY = sql`interval '1 day'`;

/** Counts one try against `key`, or refuses it while the key is locked. */
async function reserve(db: Queryable, key: string, rule: ThrottleRule): Promise<Locked | null> {
  const stale = sql`t.updated_at < now() - ${DAY}`;
  const next = sql`(case when ${stale} then 1 else t.failures + 1 end)`;
  const reserved = await queryRows<{ failures: number }>(
    db,
    sql`insert into ${signInThrottle} as t (key, failures, locked_until, updated_at)
        values (${key}, 1, null, now())
        on conflict (key) do update set
          failures = ${next},
          locked_until = case when ${next} >= ${rule.limit}
            then now() + least(${DAY}, make_interval(secs => ${rule.lockSeconds} * power(2, ${next} - ${rule.limit})))
          end,
          updated_at = now()
        where t.locked_until is null or t.locked_until <= now() or ${stale}
        returning t.failures`,
  );
  if (reserved.length > 0) return null;
  const [lock] = await queryRows<{ seconds: number }>(
    db,
    sql`select greatest(1, ceil(extract(epoch from locked_until - now())))::int as seconds
        from ${signInThrottle} where key = ${key}`,
  );
  return { retryAfterSeconds: lock?.seconds ?? rule.lockSeconds };
}

/** Takes back one counted try (a success, or a try refused by the other key). */
async function release(db: Queryable, key: string, rule: ThrottleRule): Promise<void> {
  await db.execute(sql`update ${signInThrottle} set
      failures = greatest(failures - 1, 0),
      locked_until = case when failures - 1 < ${rule.limit} then null else locked_until end
    where key = ${key}`);
}

/**
 * Counts a sign-in try for the account at the address and for the address, before the password
 * is checked; refuses it (with when to retry) while either is locked.
 */
export async function reserveTry(db: Queryable, keys: ThrottleKeys): Promise<Locked | null> {
  const pair = await reserve(db, keys.pair, ACCOUNT_AT_ADDRESS);
  if (pair) return pair;
  const address = await reserve(db, keys.address, ADDRESS);
  if (address) await release(db, keys.pair, ACCOUNT_AT_ADDRESS);
  return address;
}

/** A successful sign-in: the account at this address starts over, and its try no longer counts. */
export async function recordSuccess(db: Queryable, keys: ThrottleKeys): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, keys.pair));
  await release(db, keys.address, ADDRESS);
  // Keys nobody has tried for two days count nothing any more.
  await db.execute(sql`delete from ${signInThrottle}
    where updated_at < now() - interval '2 days' and (locked_until is null or locked_until < now())`);
}
