import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { salesOverview } from "@/lib/sales/overview";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { type DemoPeople, demoPeople, type DemoUsername } from "../support/fixture";

interface Row {
  owner: string;
  team: string | null;
  region: string;
  product: string;
  amount: number;
  status: string;
  closed_at: string;
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.005;

describe.each(DATABASE_KINDS)("the overview's numbers on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let rows: Row[];

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    rows = await queryRows<Row>(
      test.owner.db,
      sql`select u.username as owner, u.team, s.region, s.product, s.amount::float8 as amount, s.status::text as status,
            s.closed_at::text as closed_at
          from sales s join users u on u.id = s.owner_id`,
    );
  });
  afterAll(() => test?.dispose());

  const visibleTo: Record<string, (row: Row) => boolean> = {
    alice: (row) => row.owner === "alice",
    carol: (row) => row.team === "east",
    dave: () => true,
  };
  const range = { from: "2025-11-01", to: "2026-10-31" };
  const inRange = (row: Row) => row.closed_at >= range.from && row.closed_at <= range.to;

  it.each(Object.keys(visibleTo) as DemoUsername[])("%s's KPIs are computed over their rows only", async (username) => {
    const mine = rows.filter((row) => visibleTo[username]?.(row) && inRange(row));
    const won = mine.filter((row) => row.status === "won");
    const lost = mine.filter((row) => row.status === "lost");
    const revenue = won.reduce((sum, row) => sum + row.amount, 0);
    const { kpis } = await salesOverview(people.viewer(username), range);
    expect(kpis.deals).toBe(mine.length);
    expect(kpis.won).toBe(won.length);
    expect(kpis.lost).toBe(lost.length);
    expect(close(kpis.revenue, revenue)).toBe(true);
    expect(close(kpis.averageDeal ?? 0, revenue / won.length)).toBe(true);
    expect(kpis.winRate).toBeCloseTo(won.length / (won.length + lost.length), 10);
  });

  it("a deal dated December 9999 (saved before dates were bounded) leaves the overview answering", async () => {
    await test.owner.db.execute(
      sql`insert into sales (owner_id, customer, product, region, amount, status, closed_at)
          values (${people.ids.erin}, 'Far Future', 'CRM Pro', 'EMEA', 10, 'won', '9999-12-15')`,
    );
    try {
      const { byMonth: months } = await salesOverview(people.viewer("erin"), {});
      expect(months.at(-1)).toEqual({ month: "9999-12", revenue: 10, won: 1 });
      expect(months.at(-2)).toMatchObject({ month: "9999-11", revenue: 0 });
      expect(new Set(months.map((m) => m.month)).size).toBe(months.length);
    } finally {
      await test.owner.db.execute(sql`delete from sales where customer = 'Far Future'`);
    }
  });

  it("months run without gaps and add up to the revenue; regions and products too", async () => {
    const carol = people.viewer("carol");
    const { kpis, byMonth: months, byRegion: regions, byProduct: products } = await salesOverview(carol, range);
    expect(months.map((m) => m.month)).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
    ]);
    for (const series of [months, regions, products]) {
      expect(
        close(
          series.reduce((sum, item) => sum + item.revenue, 0),
          kpis.revenue,
        ),
      ).toBe(true);
      expect(series.reduce((sum, item) => sum + item.won, 0)).toBe(kpis.won);
    }
    expect(regions.map((r) => r.revenue)).toEqual([...regions.map((r) => r.revenue)].sort((a, b) => b - a));
  });

  it("top owners stay within the scope, and the overview leaves them out for a rep", async () => {
    const east = (await salesOverview(people.viewer("carol"), {})).topOwners;
    expect(east.length).toBeGreaterThan(0);
    expect(east.every((owner) => ["alice", "bob", "carol"].includes(owner.username))).toBe(true);
    expect((await salesOverview(people.viewer("alice"), range)).topOwners).toEqual([]);
    const everyone = await salesOverview(people.viewer("dave"), range);
    expect(everyone.topOwners.map((o) => o.username).sort()).toEqual(["alice", "bob", "carol", "erin", "frank"]);
  });

  it("an empty range is zeros and empty series, not errors", async () => {
    const overview = await salesOverview(people.viewer("bob"), { from: "2001-01-01", to: "2001-12-31" });
    expect(overview.kpis).toEqual({ revenue: 0, won: 0, lost: 0, open: 0, deals: 0, averageDeal: null, winRate: null });
    expect(overview.byMonth).toEqual([]);
    expect(overview.byRegion).toEqual([]);
  });

  it("no sales access means 403", async () => {
    await expect(salesOverview(people.viewer("vera"), {})).rejects.toMatchObject({ status: 403 });
    await expect(salesOverview(people.viewer("dev"), {})).rejects.toMatchObject({ status: 403 });
  });
});
