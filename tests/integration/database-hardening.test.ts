// What SQL run as the application role, and many clients at once, must not be able to do to the
// database: widen or forge the row scope, redirect the owner's functions to its own temporary
// objects, or deadlock the summaries.
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH } from "@/app/api/v1/sales/[id]/route";
import { queryRows, type Tx } from "@/db/client";
import { signRowContext, signedWithKey, type RowContext } from "@/db/row-context";
import { withViewer, type ScopeSubject } from "@/db/scoped";
import { createSale, deleteSale, updateSale } from "@/lib/sales/mutations";
import {
  DATABASE_KINDS,
  POOLED_KINDS,
  demoDatabase,
  rejectsWithDatabaseError,
  type TestDatabase,
} from "../support/databases";
import { apiRequest, type DemoPeople, demoPeople, idParams, summaryDrift } from "../support/fixture";

const deal = (ownerId: string) => sql`
  insert into sales (owner_id, customer, product, region, amount, status, closed_at)
  values (${ownerId}, 'Initech', 'Support', 'EMEA', 100, 'won', '2026-03-01')`;

describe.each(DATABASE_KINDS)("the row scope on %s, against SQL run as the application role", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let alice: ScopeSubject;
  let aliceDeals: number;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    alice = people.viewer("alice");
    const [row] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from sales where owner_id = ${alice.id}`,
    );
    aliceDeals = row?.n ?? 0;
    expect(aliceDeals).toBeGreaterThan(0);
  });
  afterAll(() => test?.dispose());

  const visible = async (tx: Tx) =>
    (
      await queryRows<{ n: number; owners: number }>(
        tx,
        sql`select count(*)::int as n, count(distinct owner_id)::int as owners from sales`,
      )
    )[0];
  const signed = (fields: Partial<RowContext>, now?: number) =>
    signRowContext(
      {
        user_id: alice.id,
        team: "east",
        regions: [],
        report_read: "",
        report_create: "",
        report_update: "",
        report_delete: "",
        sale_read: "own",
        sale_create: "",
        sale_update: "",
        sale_delete: "",
        ...fields,
      },
      now,
    );
  const seenWith = (value: SQL) =>
    withViewer(alice, async (tx) => {
      await tx.execute(sql`select set_config('app.context', ${value}, true)`);
      return visible(tx);
    });

  it("sees only the viewer's rows after setting the old scope settings to 'all'", async () => {
    const seen = await withViewer(alice, async (tx) => {
      await tx.execute(
        sql`select set_config('app.sale_read', 'all', true), set_config('app.user_id', ${people.ids.bob}, true)`,
      );
      return visible(tx);
    });
    expect(seen).toEqual({ n: aliceDeals, owners: 1 });
  });

  it("sees nothing through a context whose scope was edited after signing", async () => {
    const seen = await seenWith(sql`replace(current_setting('app.context'), '"sale_read":"own"', '"sale_read":"all"')`);
    expect(seen).toEqual({ n: 0, owners: 0 });
  });

  it("sees nothing through a context signed with another key, expired, or malformed", async () => {
    const forged = signed({ sale_read: "all" }).replace(/^[0-9a-f]{64}/, "0".repeat(64));
    const expired = signed({}, Date.now() - 11 * 60 * 1000);
    for (const value of [forged, expired, "", "not a context", `${"a".repeat(64)}:{"exp":`]) {
      expect(await seenWith(sql`${value}::text`)).toEqual({ n: 0, owners: 0 });
    }
  });

  it("sees nothing through a correctly signed context without a numeric expiry", async () => {
    const fields = { user_id: alice.id, team: "east", sale_read: "all" };
    for (const exp of [undefined, "9999999999", null]) {
      const value = signedWithKey(JSON.stringify(exp === undefined ? fields : { ...fields, exp }));
      expect(await seenWith(sql`${value}::text`)).toEqual({ n: 0, owners: 0 });
    }
  });

  it("sees what a correctly signed context says, so the check is not simply closed", async () => {
    const seen = await seenWith(sql`${signed({ sale_read: "all" })}::text`);
    expect(seen?.owners).toBeGreaterThan(1);
  });

  it("cannot call the policies' verifier, and a context without a user reaches no rows, not all", async () => {
    await rejectsWithDatabaseError(
      withViewer(alice, (tx) => tx.execute(sql`select app_context_body()`)),
      /permission denied/,
    );
    // "Every row" is a NULL owner list; an owner list holding a NULL must not read as one.
    expect(await seenWith(sql`${signed({ user_id: "" })}::text`)).toEqual({ n: 0, owners: 0 });
  });

  it("can neither read nor replace the key", async () => {
    await rejectsWithDatabaseError(
      withViewer(alice, (tx) => tx.execute(sql`select inner_pad from row_context_key`)),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(alice, (tx) => tx.execute(sql`update row_context_key set inner_pad = outer_pad`)),
      /permission denied/,
    );
  });
});

describe.each(DATABASE_KINDS)("the owner's functions on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let alice: ScopeSubject;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    alice = people.viewer("alice");
  });
  afterAll(() => test?.dispose());

  const drift = () => summaryDrift(test.owner.db);

  it("write the real summaries when the application role shadows one with a temporary table", async () => {
    await withViewer(alice, async (tx) => {
      await tx.execute(sql`create temp table sales_owner_totals (
        owner_id uuid primary key, deals integer, won integer, lost integer, won_amount numeric
      ) on commit drop`);
      await tx.execute(deal(alice.id));
      const [shadow] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from pg_temp.sales_owner_totals`,
      );
      expect(shadow?.n).toBe(0);
    });
    expect(await drift()).toBe(0);
  });

  it("never run a temporary trigger function as the owner", async () => {
    await withViewer(alice, async (tx) => {
      await tx.execute(sql`create temp table sales_monthly_by_region (
        owner_id uuid, month date, region text, deals integer, won integer, lost integer, won_amount numeric,
        primary key (owner_id, month, region)
      ) on commit drop`);
      await tx.execute(sql`create function pg_temp.escalate() returns trigger language plpgsql as $$
        begin
          create table public.escalated (who text);
          insert into public.escalated values (current_user);
          return new;
        end $$`);
      await tx.execute(sql`create trigger escalate before insert or update on pg_temp.sales_monthly_by_region
        for each row execute function pg_temp.escalate()`);
      await tx.execute(deal(alice.id));
    });
    const [escalated] = await queryRows<{ present: boolean }>(
      test.owner.db,
      sql`select to_regclass('public.escalated') is not null as present`,
    );
    expect(escalated?.present).toBe(false);
    expect(await drift()).toBe(0);
  });

  it("refuse row scope policies on a nullable owner column", async () => {
    await test.owner.db.execute(sql`create table scope_probe (owner_id uuid, region text)`);
    try {
      await rejectsWithDatabaseError(
        test.owner.db.execute(sql`select app_row_scope_policies('scope_probe', 'sale', 'owner_id', null, false)`),
        /must be NOT NULL/,
      );
    } finally {
      await test.owner.db.execute(sql`drop table scope_probe`);
    }
  });

  it("pin every SECURITY DEFINER function's search path with pg_temp last", async () => {
    const rows = await queryRows<{ name: string; config: string[] | null }>(
      test.owner.db,
      sql`select p.proname as name, p.proconfig as config from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.prosecdef order by 1`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect({ name: row.name, config: row.config }).toEqual({
        name: row.name,
        config: ["search_path=pg_catalog, public, pg_temp"],
      });
    }
  });
});

// PGlite has one connection, so nothing there runs at once.
describe.each(POOLED_KINDS.filter((kind) => kind !== "pglite"))("sales moving between owners on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  it("move both ways from many clients at once without an error, and the summaries stay exact", async () => {
    const alice = people.ids.alice;
    const bob = people.ids.bob;
    const ownedBy = async (ownerId: string) =>
      (
        await queryRows<{ id: string }>(
          test.owner.db,
          sql`select id from sales where owner_id = ${ownerId} order by id limit 8`,
        )
      ).map((r) => r.id);
    const aliceSales = await ownedBy(alice);
    const bobSales = await ownedBy(bob);
    expect(aliceSales).toHaveLength(8);
    expect(bobSales).toHaveLength(8);
    const move = (id: string, ownerId: string) =>
      PATCH(apiRequest("PATCH", `/api/v1/sales/${id}`, people.tokens.admin, { owner_id: ownerId }), idParams(id)).then(
        (r) => r.status,
      );
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const there = [...aliceSales.map((id) => move(id, bob)), ...bobSales.map((id) => move(id, alice))];
      const back = [...aliceSales.map((id) => move(id, alice)), ...bobSales.map((id) => move(id, bob))];
      statuses.push(...(await Promise.all(there)), ...(await Promise.all(back)));
    }
    expect(statuses).toHaveLength(160);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await summaryDrift(test.owner.db)).toBe(0);
  });

  it("many owners' sales written at once fold into the rollup exactly, without an error", async () => {
    const admin = people.viewer("admin");
    const owners = [people.ids.alice, people.ids.bob, people.ids.erin, people.ids.frank, people.ids.carol];
    const regions = ["EMEA", "APAC", "North America"];
    // 300 changes from up to 30 writers at once: several folds run while others append.
    const created = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        createSale(admin, {
          owner_id: owners[i % owners.length],
          customer: `Rollup ${i}`,
          product: i % 2 ? "CRM Pro" : "Analytics Suite",
          region: regions[i % regions.length],
          amount: String(100 + i),
          status: i % 3 ? "won" : "open",
          closed_at: `2026-0${1 + (i % 9)}-15`,
        }),
      ),
    );
    const settled = await Promise.allSettled(
      created.map((sale, i) =>
        i % 2
          ? deleteSale(admin, sale.id)
          : updateSale(admin, sale.id, { owner_id: owners[(i + 1) % owners.length], status: "lost" }),
      ),
    );
    expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(await summaryDrift(test.owner.db)).toBe(0);
    await Promise.all(created.filter((_, i) => i % 2 === 0).map((sale) => deleteSale(admin, sale.id)));
    expect(await summaryDrift(test.owner.db)).toBe(0);
  });
});
