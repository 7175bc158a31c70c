// Reading the per-owner summaries of sales (db/schema.ts, kept exact by triggers): whole months of a
// date range come from the monthly summaries, the days at either end that do not fill a month come
// from sales itself. Row scope is the same owner predicate as everywhere, plus row level security.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  sales,
  salesMonthlyByOwner,
  salesMonthlyByProduct,
  salesMonthlyByRegion,
  salesMonthlyRollup,
  salesOwnerTotals,
  salesRollupChanges,
} from "@/db/schema";
import type { ScopeSubject } from "@/db/scoped";
import { requireScopeWhere, type RowColumns } from "@/lib/rbac/row-scope";
import type { DateRange, SaleFilters } from "./schemas";

export type SummaryDimension = "region" | "product";

/** A date range as whole months (first days, inclusive; absent: unbounded) and the days left over. */
export interface RangeParts {
  months: { from?: string; to?: string } | null;
  edges: { from: string; to: string }[];
}

function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function nextMonthStart(day: string): string {
  const date = new Date(`${monthStart(day)}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

function isLastDayOfMonth(day: string): boolean {
  return shiftDays(day, 1).endsWith("-01");
}

export function splitRange({ from, to }: DateRange): RangeParts {
  const firstWhole = from === undefined ? undefined : from.endsWith("-01") ? from : nextMonthStart(from);
  const lastWhole =
    to === undefined ? undefined : isLastDayOfMonth(to) ? monthStart(to) : monthStart(shiftDays(monthStart(to), -1));
  if (
    from !== undefined &&
    to !== undefined &&
    firstWhole !== undefined &&
    lastWhole !== undefined &&
    firstWhole > lastWhole
  ) {
    return { months: null, edges: from <= to ? [{ from, to }] : [] };
  }
  const edges: RangeParts["edges"] = [];
  if (from !== undefined && firstWhole !== undefined && firstWhole !== from)
    edges.push({ from, to: shiftDays(firstWhole, -1) });
  if (to !== undefined && !isLastDayOfMonth(to)) edges.push({ from: monthStart(to), to });
  return { months: { from: firstWhole, to: lastWhole }, edges };
}

const SUMMARIES = {
  region: {
    table: salesMonthlyByRegion,
    label: salesMonthlyByRegion.region,
    column: sales.region,
    scoped: { owner: salesMonthlyByRegion.ownerId, region: salesMonthlyByRegion.region },
  },
  product: {
    table: salesMonthlyByProduct,
    label: salesMonthlyByProduct.product,
    column: sales.product,
    scoped: { owner: salesMonthlyByProduct.ownerId },
  },
} as const;

/** The viewer's listable rows as a condition on a table's owner (and region) columns, or Forbidden. */
function listable(viewer: ScopeSubject, columns: RowColumns): SQL {
  return requireScopeWhere(viewer, "sale", "list", columns, "array");
}

/**
 * Whether a summary without a region column can answer for the viewer: not when their scope
 * reaches rows by region (and not everything), which only sales and the by-region summary know.
 */
function servesWithoutRegion(viewer: ScopeSubject): boolean {
  const reach = viewer.scope("sale", "list");
  return !reach?.includes("region");
}

/** The measures every summary table holds, under the names the readers sum. */
const MEASURES = (
  t: typeof salesMonthlyByRegion | typeof salesMonthlyByProduct | typeof salesMonthlyRollup | typeof salesRollupChanges,
) =>
  sql`${t.deals} as deals, ${t.won} as won, ${t.lost} as lost, ${t.wonAmount} as won_amount,
    ${t.lostAmount} as lost_amount, ${t.amount} as amount`;

/** The same measures counted from the sales themselves (group by the cell's keys). */
const SALES_MEASURES = sql`count(*)::int as deals,
  (count(*) filter (where ${sales.status} = 'won'))::int as won,
  (count(*) filter (where ${sales.status} = 'lost'))::int as lost,
  coalesce(sum(${sales.amount}) filter (where ${sales.status} = 'won'), 0) as won_amount,
  coalesce(sum(${sales.amount}) filter (where ${sales.status} = 'lost'), 0) as lost_amount,
  sum(${sales.amount}) as amount`;

function monthBounds(column: AnyPgColumn, months: { from?: string; to?: string }): SQL {
  return sql`${months.from ? sql`and ${column} >= ${months.from}` : sql``}
    ${months.to ? sql`and ${column} <= ${months.to}` : sql``}`;
}

function edgeDays(edges: RangeParts["edges"]): SQL {
  return sql.join(
    edges.map((edge) => sql`(${sales.closedAt} >= ${edge.from} and ${sales.closedAt} <= ${edge.to})`),
    sql` or `,
  );
}

/**
 * The viewer's listable sales within the range as cells of (owner_id, month, label, deals, won,
 * lost, won_amount, lost_amount, amount), label being the region or the product: a subquery for FROM.
 */
export function summaryCells(viewer: ScopeSubject, range: DateRange, dimension: SummaryDimension): SQL {
  const { table, label, column, scoped } = SUMMARIES[dimension];
  const fromSummary = "region" in scoped || servesWithoutRegion(viewer);
  const { months, edges } = fromSummary
    ? splitRange(range)
    : { months: null, edges: [{ from: range.from ?? "0001-01-01", to: range.to ?? "9999-12-31" }] };
  const parts: SQL[] = [];
  if (months) {
    parts.push(sql`select ${table.ownerId} as owner_id, ${table.month} as month, ${label} as label, ${MEASURES(table)}
      from ${table}
      where ${listable(viewer, scoped)} ${monthBounds(table.month, months)}`);
  }
  if (edges.length > 0) {
    parts.push(sql`select ${sales.ownerId} as owner_id, date_trunc('month', ${sales.closedAt})::date as month,
        ${column} as label, ${SALES_MEASURES}
      from ${sales}
      where ${listable(viewer, { owner: sales.ownerId, region: sales.region })} and (${edgeDays(edges)})
      group by 1, 2, 3`);
  }
  if (parts.length === 0)
    return sql`(select null::uuid as owner_id, null::date as month, null::text as label,
    0 as deals, 0 as won, 0 as lost, 0::numeric as won_amount, 0::numeric as lost_amount, 0::numeric as amount
    where false)`;
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/** Whether the viewer lists every sale: the rollups, which mix every owner's sales, serve them. */
export function seesEverySale(viewer: ScopeSubject): boolean {
  return viewer.scope("sale", "list")?.includes("all") ?? false;
}

/**
 * Every sale within the range as cells of (month, region, product, deals, won, lost, won_amount,
 * lost_amount, amount), for a viewer who sees every sale (`seesEverySale`): whole months from the
 * rollup and the changes not folded into it yet, the days at either end from sales. A subquery
 * for FROM; a cell may appear more than once (sum them).
 */
export function everyoneCells(viewer: ScopeSubject, range: DateRange): SQL {
  const { months, edges } = splitRange(range);
  const parts: SQL[] = [];
  if (months) {
    for (const t of [salesMonthlyRollup, salesRollupChanges]) {
      parts.push(sql`select ${t.month} as month, ${t.region} as region, ${t.product} as product, ${MEASURES(t)}
        from ${t} where true ${monthBounds(t.month, months)}`);
    }
  }
  if (edges.length > 0) {
    parts.push(sql`select date_trunc('month', ${sales.closedAt})::date as month, ${sales.region} as region,
        ${sales.product} as product, ${SALES_MEASURES}
      from ${sales}
      where ${listable(viewer, { owner: sales.ownerId, region: sales.region })} and (${edgeDays(edges)})
      group by 1, 2, 3`);
  }
  if (parts.length === 0)
    return sql`(select null::date as month, null::text as region, null::text as product, 0 as deals, 0 as won,
      0 as lost, 0::numeric as won_amount, 0::numeric as lost_amount, 0::numeric as amount where false)`;
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/**
 * The viewer's listable sales within the range as (owner_id, won, won_amount) cells, one or more
 * per owner (sum them): the whole range from the owners' totals, else whole months from the
 * monthly summary by owner and the days at either end from sales. A subquery for FROM.
 */
export function ownerCells(viewer: ScopeSubject, range: DateRange, among?: (owner: AnyPgColumn) => SQL): SQL {
  const only = (owner: AnyPgColumn) => (among ? sql`and ${among(owner)}` : sql``);
  if (!servesWithoutRegion(viewer)) {
    const c = summaryCells(viewer, range, "region");
    return sql`(select c.owner_id, c.won, c.won_amount from ${c} as c)`;
  }
  if (range.from === undefined && range.to === undefined) {
    const t = salesOwnerTotals;
    return sql`(select ${t.ownerId} as owner_id, ${t.won} as won, ${t.wonAmount} as won_amount
      from ${t} where ${listable(viewer, { owner: t.ownerId })} ${only(t.ownerId)})`;
  }
  const { months, edges } = splitRange(range);
  const parts: SQL[] = [];
  if (months) {
    const t = salesMonthlyByOwner;
    parts.push(sql`select ${t.ownerId} as owner_id, ${t.won} as won, ${t.wonAmount} as won_amount
      from ${t} where ${listable(viewer, { owner: t.ownerId })} ${only(t.ownerId)} ${monthBounds(t.month, months)}`);
  }
  if (edges.length > 0) {
    parts.push(sql`select ${sales.ownerId} as owner_id, (count(*) filter (where ${sales.status} = 'won'))::int as won,
        coalesce(sum(${sales.amount}) filter (where ${sales.status} = 'won'), 0) as won_amount
      from ${sales}
      where ${listable(viewer, { owner: sales.ownerId, region: sales.region })} ${only(sales.ownerId)}
        and (${edgeDays(edges)})
      group by 1`);
  }
  if (parts.length === 0) return sql`(select null::uuid as owner_id, 0 as won, 0::numeric as won_amount where false)`;
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/** How many owners, by won amount of all time, `bestOwners` sums the range for first. */
const CANDIDATES = 50;

/**
 * The viewer's owners with their won deals and revenue within the range, as (owner_id, revenue,
 * won) rows that hold the `count` best by revenue: a subquery for FROM. Amounts are never negative,
 * so no owner earns more within a range than in all time: the range is summed for the owners with
 * the most revenue of all time first, and when `count` of them beat the all-time revenue of every
 * other owner, those are the best. Otherwise (few owners, a flat field) every owner is summed.
 */
export function bestOwners(viewer: ScopeSubject, range: DateRange, count: number, candidates = CANDIDATES): SQL {
  if (range.from === undefined && range.to === undefined) {
    return sql`(select o.owner_id, o.won_amount as revenue, o.won from ${ownerCells(viewer, range)} as o)`;
  }
  const t = salesOwnerTotals;
  const summed = (among?: (owner: AnyPgColumn) => SQL) =>
    sql`select o.owner_id, sum(o.won_amount) as revenue, sum(o.won)::int as won
      from ${ownerCells(viewer, range, among)} as o group by o.owner_id`;
  return sql`(with ranked as (
      select ${t.ownerId} as owner_id, ${t.wonAmount} as bound,
        row_number() over (order by ${t.wonAmount} desc, ${t.ownerId}) as n
      from ${t} where ${listable(viewer, { owner: t.ownerId })}
    ),
    few as (${summed((owner) => sql`${owner} = any ((select array_agg(owner_id) from ranked where n <= ${candidates})::uuid[])`)}),
    settled as (
      select count(*) >= ${count} as enough from few
      where few.won > 0 and few.revenue > coalesce((select bound from ranked where n = ${candidates + 1}), -1)
    )
    select owner_id, revenue, won from few where (select enough from settled)
    union all
    ${summed(() => sql`not (select enough from settled)`)}
  )`;
}

/** The summary columns (by name) that count and add up the deals of a status. */
function ofStatus(status: SaleFilters["status"]): { deals: SQL; amount: SQL } {
  const c = (name: string) => sql`${sql.identifier(name)}`;
  switch (status) {
    case "won":
      return { deals: c("won"), amount: c("won_amount") };
    case "lost":
      return { deals: c("lost"), amount: c("lost_amount") };
    case "open":
      return {
        deals: sql`(${c("deals")} - ${c("won")} - ${c("lost")})`,
        amount: sql`(${c("amount")} - ${c("won_amount")} - ${c("lost_amount")})`,
      };
    default:
      return { deals: c("deals"), amount: c("amount") };
  }
}

/**
 * How many of the viewer's listable sales match the filters and what their amounts add up to,
 * from the summaries: a query returning one row `{ total, amount }`, or null when a filter (text
 * search, amounts) needs the rows themselves.
 */
export function totalsFromSummaries(viewer: ScopeSubject, filters: SaleFilters): SQL | null {
  if (filters.search || filters.minAmount !== undefined || filters.maxAmount !== undefined) return null;
  const { deals, amount } = ofStatus(filters.status);
  const figures = sql`coalesce(sum(${deals}), 0)::int as total, coalesce(sum(${amount}), 0) as amount`;
  if (!filters.from && !filters.to && !filters.region && servesWithoutRegion(viewer)) {
    const t = salesOwnerTotals;
    return sql`select ${figures} from ${t}
      where ${listable(viewer, { owner: t.ownerId })} ${filters.ownerId ? sql`and ${t.ownerId} = ${filters.ownerId}` : sql``}`;
  }
  return sql`select ${figures}
    from ${summaryCells(viewer, { from: filters.from, to: filters.to }, "region")} as c
    where true ${filters.region ? sql`and c.label = ${filters.region}` : sql``}
      ${filters.ownerId ? sql`and c.owner_id = ${filters.ownerId}` : sql``}`;
}

/**
 * The distinct regions or products among the viewer's listable sales, in order: a skip scan over the
 * summary's label index (one probe per value), not a pass over every row.
 */
export function distinctLabels(viewer: ScopeSubject, dimension: SummaryDimension): SQL {
  const { table, label, column, scoped } = SUMMARIES[dimension];
  if (!("region" in scoped) && !servesWithoutRegion(viewer)) {
    return sql`select distinct ${column} as value from ${sales}
      where ${listable(viewer, { owner: sales.ownerId, region: sales.region })} order by 1`;
  }
  const scope = listable(viewer, scoped);
  return sql`with recursive labels(label) as (
      (select ${label} from ${table} where ${scope} order by ${label} limit 1)
      union all
      select (select ${label} from ${table} where ${label} > labels.label and ${scope} order by ${label} limit 1)
      from labels where labels.label is not null
    )
    select label as value from labels where label is not null`;
}

/** Whether the owner holds any listable sale: the owner filter's choices. */
export function ownsSales(viewer: ScopeSubject, owner: AnyPgColumn | SQL): SQL {
  if (!servesWithoutRegion(viewer)) {
    const t = salesMonthlyByRegion;
    return sql`exists (select 1 from ${t}
      where ${t.ownerId} = ${owner} and ${listable(viewer, { owner: t.ownerId, region: t.region })})`;
  }
  const t = salesOwnerTotals;
  return sql`exists (select 1 from ${t} where ${t.ownerId} = ${owner} and ${listable(viewer, { owner: t.ownerId })})`;
}
