// The calls the SQL measurements make, each with its independent row-count check.
import { NextRequest } from "next/server";
import { GET as listSalesRoute } from "@/app/api/v1/sales/route";
import { getDb } from "@/db/client";
import { insertToken } from "@/lib/auth/tokens";
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

/**
 * GET /api/v1/sales as the route handler answers it, in this process (no HTTP): the Bearer
 * token's lookup, the viewer's resolution and the list, so its statements are an API request's
 * round trips.
 */
export async function apiListScenario(owner: OwnerClient, scoped: ScopedViewer): Promise<Scenario> {
  const total = await expectedCount(owner, scoped.owners);
  const { token } = await insertToken(await getDb(), scoped.viewer.id, { name: "bench" });
  const call = async () => {
    const request = new NextRequest("http://localhost/api/v1/sales", { headers: { authorization: `Bearer ${token}` } });
    const response = await listSalesRoute(request, { params: Promise.resolve({}) });
    if (response.status !== 200) throw new Error(`GET /api/v1/sales answered ${response.status}`);
    return (await response.json()) as { items: unknown[]; total: number };
  };
  return {
    run: call,
    async check() {
      const page = await call();
      expectRows(`GET /api/v1/sales total (${scoped.scope})`, page.total, total);
      expectRows(`GET /api/v1/sales items (${scoped.scope})`, page.items.length, Math.min(PAGE_SIZE, total));
      return `page 1: ${page.items.length} rows ✓ of ${total.toLocaleString("en")}`;
    },
  };
}
