import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, useDatabase } from "@/db/client";
import { GET } from "@/app/api/health/route";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { freePort } from "../support/servers";

describe.each(DATABASE_KINDS)("GET /api/health on %s", (kind) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await demoDatabase(kind);
  });
  afterAll(() => test?.dispose());

  it("is 200 ok on a migrated database, with nothing else in the answer", async () => {
    useDatabase(test.handle);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("is 503 with Retry-After while a migration is pending", async () => {
    useDatabase(test.handle);
    const [latest] = await queryRows<{ hash: string; created_at: string }>(
      test.owner.db,
      sql`delete from drizzle.__drizzle_migrations
          where created_at = (select max(created_at) from drizzle.__drizzle_migrations)
          returning hash, created_at::text`,
    );
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({ status: "unavailable", detail: "migrations pending" });
    } finally {
      await test.owner.db.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${latest?.hash}, ${latest?.created_at}::bigint)`,
      );
    }
    expect((await GET()).status).toBe(200);
  });
});

describe("GET /api/health without a database", () => {
  it("is 503 with Retry-After when PostgreSQL refuses the connection", async () => {
    const handle = await openDatabase({ url: `postgres://postgres@127.0.0.1:${await freePort()}/none` });
    useDatabase(handle);
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({ status: "unavailable", detail: "database unreachable" });
    } finally {
      await handle.close();
    }
  });
});
