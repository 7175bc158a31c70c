// The sign-in throttle through the real credential check (argon2 included) on a real database:
// per account and address, per address across accounts, doubling locks, and no more evaluated
// guesses than the limit however many arrive at once.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { DEFAULT_DEMO_PASSWORD } from "@/db/seed";
import { checkCredentials } from "@/lib/auth/sign-in";
import { ACCOUNT_AT_ADDRESS, ADDRESS, clientAddress } from "@/lib/auth/throttle";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";

const DEMO_PASSWORD = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const from = (address: string) => new Headers({ "x-forwarded-for": address });

/** What a try comes to: "ok", or the refusal's code (with its wait when throttled). */
async function tryPassword(
  login: string,
  password: string,
  address: string,
): Promise<{ outcome: string; retryAfterSeconds?: number }> {
  return checkCredentials({ login, password }, from(address)).then(
    () => ({ outcome: "ok" }),
    (error: { code?: string; retryAfterSeconds?: number }) => ({
      outcome: error.code as string,
      retryAfterSeconds: error.retryAfterSeconds,
    }),
  );
}

const fail = (login: string, address: string, times: number) =>
  Array.from({ length: times }).reduce<Promise<unknown>>(
    (previous) => previous.then(() => tryPassword(login, "not the password", address)),
    Promise.resolve(),
  );

describe.each(DATABASE_KINDS)("the sign-in throttle on %s", (kind) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await demoDatabase(kind);
  });
  afterAll(() => test?.dispose());

  it("an account's failures from one address block neither another account there nor it elsewhere", async () => {
    await fail("erin", "198.51.100.10", ACCOUNT_AT_ADDRESS.limit);
    expect((await tryPassword("erin", DEMO_PASSWORD, "198.51.100.10")).outcome).toBe("throttled");
    expect((await tryPassword("frank", DEMO_PASSWORD, "198.51.100.10")).outcome).toBe("ok");
    expect((await tryPassword("erin", DEMO_PASSWORD, "198.51.100.11")).outcome).toBe("ok");
  });

  it("username and email, in any case, are one budget", async () => {
    await fail("Bob", "198.51.100.20", 4);
    await fail("BOB@example.com", "198.51.100.20", 3);
    await fail("bob", "198.51.100.20", ACCOUNT_AT_ADDRESS.limit - 7);
    const refused = await tryPassword("bob@EXAMPLE.com", DEMO_PASSWORD, "198.51.100.20");
    expect(refused.outcome).toBe("throttled");
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(ACCOUNT_AT_ADDRESS.lockSeconds);
  });

  it("a success starts the account over at that address", async () => {
    await fail("carol", "198.51.100.30", ACCOUNT_AT_ADDRESS.limit - 1);
    expect((await tryPassword("carol", DEMO_PASSWORD, "198.51.100.30")).outcome).toBe("ok");
    await fail("carol", "198.51.100.30", ACCOUNT_AT_ADDRESS.limit - 1);
    expect((await tryPassword("carol", DEMO_PASSWORD, "198.51.100.30")).outcome).toBe("ok");
  });

  it("each failure after a lock ends doubles the next lock", async () => {
    await fail("dave", "198.51.100.40", ACCOUNT_AT_ADDRESS.limit);
    const expire = () =>
      test.owner.db.execute(
        sql`update sign_in_throttle set locked_until = now() - interval '1 second' where key like 'pair:%@198.51.100.40'`,
      );
    await expire();
    expect((await tryPassword("dave", "still wrong", "198.51.100.40")).outcome).toBe("invalid");
    const second = await tryPassword("dave", DEMO_PASSWORD, "198.51.100.40");
    expect(second.outcome).toBe("throttled");
    expect(second.retryAfterSeconds).toBeGreaterThan(ACCOUNT_AT_ADDRESS.lockSeconds);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(2 * ACCOUNT_AT_ADDRESS.lockSeconds);
    await expire();
    await tryPassword("dave", "wrong again", "198.51.100.40");
    const third = await tryPassword("dave", DEMO_PASSWORD, "198.51.100.40");
    expect(third.retryAfterSeconds).toBeGreaterThan(2 * ACCOUNT_AT_ADDRESS.lockSeconds);
  });

  it("30 parallel wrong tries have at most the limit evaluated", async () => {
    const outcomes = await Promise.all(Array.from({ length: 30 }, () => tryPassword("vera", "guess", "198.51.100.50")));
    const evaluated = outcomes.filter((o) => o.outcome === "invalid").length;
    expect(evaluated).toBeLessThanOrEqual(ACCOUNT_AT_ADDRESS.limit);
    expect(outcomes.filter((o) => o.outcome === "throttled").length).toBe(30 - evaluated);
  });

  it("one address spraying many accounts is stopped at the address limit, other addresses are not", async () => {
    for (let i = 0; i < ADDRESS.limit; i++) await tryPassword(`sprayed-${i}`, "Winter2026!", "198.51.100.60");
    expect((await tryPassword("alice", DEMO_PASSWORD, "198.51.100.60")).outcome).toBe("throttled");
    expect((await tryPassword("alice", DEMO_PASSWORD, "198.51.100.61")).outcome).toBe("ok");
  });

  it("a 10 kB X-Forwarded-For neither errors nor skips the count", async () => {
    const forged = `${"9".repeat(10_000)}, 127.0.0.1`;
    expect(clientAddress(from(forged))).toBe("unreadable");
    await fail("frank", forged, ACCOUNT_AT_ADDRESS.limit);
    expect((await tryPassword("frank", DEMO_PASSWORD, forged)).outcome).toBe("throttled");
    const [longest] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select max(length(key))::int as n from sign_in_throttle`,
    );
    expect(longest?.n).toBeLessThanOrEqual(400);
  });
});
