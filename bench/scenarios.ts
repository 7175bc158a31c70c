// The calls the SQL measurements make, each with its independent row-count check.
import { salesOverview } from "@/lib/sales/overview";
import { listSales } from "@/lib/sales/queries";
import { presetRange } from "@/lib/sales/ranges";
import type { SaleListQuery } from "@/lib/sales/schemas";
import type { OwnerClient } from "./database";
import { POPULATION } from "./population";
import { expectRows } from "./stats";
import { expectedCount, leakedRows, type DateRange, type ScopedViewer } from "./viewers";

export const PAGE_SIZE = 50;

/** The overview's default range as it reads on the bench data's last day, so rounds stay comparable. */
export const TWELVE_MONTHS: DateRange = presetRange("12m", POPULATION.lastDay);
export const ALL_TIME: DateRange = {};

export function listQuery(page: number): SaleListQuery {
  return { filters: {}, sort: { column: "closed_at", descending: true }, page, pageSize: PAGE_SIZE };
}

export interface Scenario {
  /** One call, as the app makes it. */
  run(): Promise<unknown>;
  /** Runs once and checks the rows against the independent count; returns what it saw. */
  check(): Promise<string>;
}

export async function listScenario(owner: OwnerClient, scoped: ScopedViewer, page: number): Promise<Scenario> {
  const total = await expectedCount(owner, scoped.owners);
  const expectedItems = Math.max(0, Math.min(PAGE_SIZE, total - (page - 1) * PAGE_SIZE));
  const query = listQuery(page);
  return {
    run: () => listSales(scoped.viewer, query),
    async check() {
      const result = await listSales(scoped.viewer, query);
      expectRows(`listSales total (${scoped.scope})`, result.total, total);
      expectRows(`rows leaked to ${scoped.scope}`, leakedRows(result.items, scoped.owners), 0);
      return `page ${page}: ${expectRows(`listSales page ${page} (${scoped.scope})`, result.items.length, expectedItems)} of ${total.toLocaleString("en")}`;
    },
  };
}

export async function overviewScenario(owner: OwnerClient, scoped: ScopedViewer, range: DateRange): Promise<Scenario> {
  const deals = await expectedCount(owner, scoped.owners, range);
  return {
    run: () => salesOverview(scoped.viewer, range),
    async check() {
      const overview = await salesOverview(scoped.viewer, range);
      expectRows(`overview deals (${scoped.scope})`, overview.kpis.deals, deals);
      const monthlyWon = overview.byMonth.reduce((sum, month) => sum + month.won, 0);
      expectRows(`won deals by month (${scoped.scope})`, monthlyWon, overview.kpis.won);
      const regionalWon = overview.byRegion.reduce((sum, region) => sum + region.won, 0);
      expectRows(`won deals by region (${scoped.scope})`, regionalWon, overview.kpis.won);
      return `${deals.toLocaleString("en")} deals ✓`;
    },
  };
}
