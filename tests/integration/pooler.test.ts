// Through a real PgBouncer in transaction mode (tests/support/templates.ts starts it, with fewer
// server connections than the app's pool): settings and role stay inside their transaction, 16
// mixed users at once see only their own scope without a single error, and app servers starting
// together on one database serialise their migrations.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, queryRows, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { createSale } from "@/lib/sales/mutations";
import { getSale, listSales } from "@/lib/sales/queries";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";
import { demoDatabase, type TestDatabase } from "../support/databases";
import { databaseUrl } from "../support/templates";
import { demoPeople, type DemoPeople, type DemoUsername } from "../support/fixture";

const bouncerPort = inject("pgbouncerPort");
const adminUrl = process.env.TEST_DATABASE_URL ?? "";

describe.runIf(bouncerPort > 0)("through PgBouncer in transaction mode", () => {
  let test: TestDatabase;
  let people: DemoPeople;
  let teamOf: Map<string, string | null>;
  let saleIds: string[];

  beforeAll(async () => {
    test = await demoDatabase("pgbouncer");
    people = await demoPeople(test.owner.db);
    const users = await queryRows<{ id: string; team: string | null }>(test.owner.db, sql`select id, team from users`);
    teamOf = new Map(users.map((u) => [u.id, u.team]));
    saleIds = (await queryRows<{ id: string }>(test.owner.db, sql`select id from sales order by id`)).map((r) => r.id);
  });
  afterAll(() => test?.dispose());

  it("the viewer's settings and role never outlive their transaction on a pooled connection", async () => {
    const leftovers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const viewer = people.viewer(i % 2 ? "alice" : "dave");
        const inside = await withViewer(viewer, (tx) =>
          queryRows<{ who: DemoUsername; role: string }>(
            tx,
            sql`select app_context('user_id') as who, current_user as role`,
          ),
        );
        expect(inside[0]).toEqual({ who: viewer.id, role: "sales_app" });
        return queryRows<{ who: DemoUsername | null; role: string }>(
          test.owner.db,
          sql`select app_context('user_id') as who, current_user as role`,
        );
      }),
    );
    expect(leftovers.flat()).toEqual(Array.from({ length: 40 }, () => ({ who: null, role: "postgres" })));
  });

  it("16 mixed users for three seconds: no error, no row outside anyone's scope", async () => {
    const inScope: Record<string, (viewer: Viewer, ownerId: string) => boolean> = {
      alice: (viewer, ownerId) => ownerId === viewer.id,
      carol: (viewer, ownerId) => teamOf.get(ownerId) === viewer.team,
      dave: () => true,
    };
    const usernames = Object.keys(inScope) as DemoUsername[];
    const errors: unknown[] = [];
    const outOfScope: string[] = [];
    let requests = 0;
    const until = Date.now() + 3_000;
    const client = async (n: number) => {
      const username = usernames[n % usernames.length]!;
      const viewer = people.viewer(username);
      const mayRead = inScope[username] as (viewer: Viewer, ownerId: string) => boolean;
      while (Date.now() < until) {
        requests += 1;
        try {
          const kind = requests % 4;
          if (kind === 0 && username === "alice") {
            const sale = await createSale(viewer, {
              customer: `Pooled ${n}`,
              product: "CRM Pro",
              region: "EMEA",
              amount: "12.00",
              status: "open",
              closed_at: "2026-06-01",
            });
            if (sale.ownerId !== viewer.id) outOfScope.push(`${username} created for ${sale.ownerId}`);
          } else if (kind === 1) {
            const id = saleIds[(requests * 7919) % saleIds.length] as string;
            try {
              const sale = await getSale(viewer, id);
              if (!mayRead(viewer, sale.ownerId)) outOfScope.push(`${username} read ${id}`);
            } catch (error) {
              if (!(error instanceof NotFound)) throw error;
            }
          } else {
            const page = await listSales(
              viewer,
              listQueryFromSearchParams({
                page: String((requests % 3) + 1),
                sort: requests % 2 ? "-amount" : "customer",
              }),
            );
            for (const item of page.items)
              if (!mayRead(viewer, item.ownerId)) outOfScope.push(`${username} listed ${item.id}`);
          }
        } catch (error) {
          errors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, n) => client(n)));
    expect(errors).toEqual([]);
    expect(outOfScope).toEqual([]);
    expect(requests).toBeGreaterThan(50);
  });
});

describe.runIf(adminUrl)("app servers starting together on a new database", () => {
  const kinds = bouncerPort > 0 ? ["direct", "pgbouncer"] : ["direct"];

  it.each(kinds)("three migrate at once (%s) and all start", async (kind) => {
    const name = `test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const handles: DatabaseHandle[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        handles.push(
          await openDatabase(
            kind === "direct"
              ? { url: databaseUrl(adminUrl, name) }
              : { url: `postgres://postgres@127.0.0.1:${bouncerPort}/${name}`, pooler: "transaction" },
          ),
        );
      }
      await Promise.all(handles.map((handle) => migrateDatabase(handle)));
      const [row] = await queryRows<{ n: number }>(
        handles[0]?.db as DatabaseHandle["db"],
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(row?.n).toBeGreaterThanOrEqual(4);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
