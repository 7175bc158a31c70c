import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { createSale, deleteSale } from "@/lib/sales/mutations";
import { salesOverview } from "@/lib/sales/overview";
import { bestOwners } from "@/lib/sales/summaries";
import { withViewer } from "@/db/scoped";
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

  // What the overview must show for the rows a viewer sees, computed here from the sales themselves.
  function expectedOverview(seen: Row[]) {
    const won = seen.filter((row) => row.status === "won");
    // Every label with a deal in the range, its revenue and count from the won ones.
    const sums = (key: (row: Row) => string) => {
      const by = new Map<string, { revenue: number; won: number }>();
      for (const row of seen) {
        const cell = by.get(key(row)) ?? { revenue: 0, won: 0 };
        const isWon = row.status === "won";
        by.set(key(row), { revenue: cell.revenue + (isWon ? row.amount : 0), won: cell.won + (isWon ? 1 : 0) });
      }
      return [...by].map(([label, cell]) => ({ label, ...cell }));
    };
    const best = (a: { label: string; revenue: number }, b: { label: string; revenue: number }) =>
      b.revenue - a.revenue || (a.label < b.label ? -1 : 1);
    return {
      deals: seen.length,
      won: won.length,
      months: sums((row) => row.closed_at.slice(0, 7)).filter((cell) => cell.won > 0),
      regions: sums((row) => row.region).sort(best),
      products: sums((row) => row.product).sort(best),
      owners: sums((row) => row.owner)
        .sort(best)
        .slice(0, 10),
    };
  }

  const rounded = (cells: { label: string; revenue: number; won: number }[]) =>
    cells.map((cell) => ({ ...cell, revenue: Math.round(cell.revenue * 100) / 100 }));

  it.each<[string, { from?: string; to?: string }]>([
    ["the default twelve months", { from: "2025-11-01", to: "2026-10-31" }],
    ["all time", {}],
    ["a range cutting months in two", { from: "2025-11-10", to: "2026-03-20" }],
    ["a range within one month", { from: "2026-02-03", to: "2026-02-17" }],
  ])("an analyst's overview of %s, read from the rollups, is what the sales add up to", async (_, span) => {
    // Some changes folded into the rollup, some not yet: the reader adds both up.
    await test.owner.db.execute(sql`select sales_rollup_fold()`);
    const added = await createSale(people.viewer("alice"), {
      customer: "Rollup Check",
      product: "CRM Pro",
      region: "EMEA",
      amount: "321.09",
      status: "won",
      closed_at: "2026-02-10",
    });
    try {
      const within = (row: Row) => (!span.from || row.closed_at >= span.from) && (!span.to || row.closed_at <= span.to);
      const all = await queryRows<Row>(
        test.owner.db,
        sql`select u.username as owner, u.team, s.region, s.product, s.amount::float8 as amount, s.status::text as status,
              s.closed_at::text as closed_at
            from sales s join users u on u.id = s.owner_id`,
      );
      const expected = expectedOverview(all.filter(within));
      const overview = await salesOverview(people.viewer("dave"), span);
      expect(overview.kpis.deals).toBe(expected.deals);
      expect(overview.kpis.won).toBe(expected.won);
      expect(rounded(overview.byRegion)).toEqual(rounded(expected.regions));
      expect(rounded(overview.byProduct)).toEqual(rounded(expected.products));
      expect(
        rounded(overview.byMonth.filter((m) => m.won > 0).map(({ month, ...m }) => ({ label: month, ...m }))),
      ).toEqual(rounded(expected.months).sort((a, b) => (a.label < b.label ? -1 : 1)));
      expect(
        rounded(overview.topOwners.map(({ username, revenue, won }) => ({ label: username, revenue, won }))),
      ).toEqual(rounded(expected.owners));
    } finally {
      await deleteSale(people.viewer("admin"), added.id);
    }
  });

  it.each([
    [2, 3],
    [3, 1],
    [1, 5],
    [4, 2],
  ])(
    "the best %i owners, summed first for the %i best of all time, are the best of every range",
    async (count, candidates) => {
      const dave = people.viewer("dave");
      const all = await queryRows<Row>(
        test.owner.db,
        sql`select u.username as owner, u.team, s.region, s.product, s.amount::float8 as amount, s.status::text as status,
              s.closed_at::text as closed_at
            from sales s join users u on u.id = s.owner_id`,
      );
      for (const span of [
        { from: "2025-11-01", to: "2026-10-31" },
        { from: "2025-11-10", to: "2026-03-20" },
        { from: "2026-02-03", to: "2026-02-17" },
        { from: "2024-01-01", to: "2024-06-30" },
      ]) {
        const revenue = new Map<string, number>();
        for (const row of all)
          if (row.status === "won" && row.closed_at >= span.from && row.closed_at <= span.to)
            revenue.set(row.owner, (revenue.get(row.owner) ?? 0) + row.amount);
        const expected = [...revenue]
          .sort((a, b) => b[1] - a[1])
          .slice(0, count)
          .map(([owner, sum]) => ({ owner, revenue: Math.round(sum * 100) / 100 }));
        const best = await withViewer(dave, (tx) =>
          queryRows<{ owner: string; revenue: number }>(
            tx,
            sql`select u.username as owner, b.revenue::float8 as revenue
                from ${bestOwners(dave, span, count, candidates)} as b join users u on u.id = b.owner_id
                where b.won > 0 order by b.revenue desc limit ${count}`,
          ),
        );
        expect({ span, best: best.map((b) => ({ ...b, revenue: Math.round(b.revenue * 100) / 100 })) }).toEqual({
          span,
          best: expected,
        });
      }
    },
  );

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
