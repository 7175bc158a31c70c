// Reading the per-owner summaries of sales (db/schema.ts, kept exact by triggers): whole months of a
// date range come from the monthly summaries, the days at either end that do not fill a month come
// from sales itself. Row scope is the same owner predicate as everywhere, plus row level security.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { sales, salesMonthlyByProduct, salesMonthlyByRegion, salesOwnerTotals } from "@/db/schema";
import type { ScopeSubject } from "@/db/scoped";
import { Forbidden } from "@/lib/errors";
import type { DateRange, SaleFilters } from "./schemas";
import { ownerPredicate } from "./scope";

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
  region: { table: salesMonthlyByRegion, label: salesMonthlyByRegion.region, column: sales.region },
  product: { table: salesMonthlyByProduct, label: salesMonthlyByProduct.product, column: sales.product },
} as const;

/** The viewer's listable owners as a condition on an owner column, or Forbidden. */
function listable(viewer: ScopeSubject, owner: AnyPgColumn | SQL): SQL {
  const predicate = ownerPredicate(viewer, "list", owner, "array");
  if (!predicate) throw new Forbidden("You do not have permission to list sales");
  return predicate;
}

/**
 * The viewer's listable sales within the range as cells of (owner_id, month, label, deals, won,
 * lost, won_amount), label being the region or the product: a subquery for FROM.
 */
export function summaryCells(viewer: ScopeSubject, range: DateRange, dimension: SummaryDimension): SQL {
  const { table, label, column } = SUMMARIES[dimension];
  const { months, edges } = splitRange(range);
  const parts: SQL[] = [];
  if (months) {
    parts.push(sql`select ${table.ownerId} as owner_id, ${table.month} as month, ${label} as label,
        ${table.deals} as deals, ${table.won} as won, ${table.lost} as lost, ${table.wonAmount} as won_amount
      from ${table}
      where ${listable(viewer, table.ownerId)}
        ${months.from ? sql`and ${table.month} >= ${months.from}` : sql``}
        ${months.to ? sql`and ${table.month} <= ${months.to}` : sql``}`);
  }
  if (edges.length > 0) {
    const days = sql.join(
      edges.map((edge) => sql`(${sales.closedAt} >= ${edge.from} and ${sales.closedAt} <= ${edge.to})`),
      sql` or `,
    );
    parts.push(sql`select ${sales.ownerId} as owner_id, date_trunc('month', ${sales.closedAt})::date as month,
        ${column} as label, count(*)::int as deals,
        (count(*) filter (where ${sales.status} = 'won'))::int as won,
        (count(*) filter (where ${sales.status} = 'lost'))::int as lost,
        coalesce(sum(${sales.amount}) filter (where ${sales.status} = 'won'), 0) as won_amount
      from ${sales}
      where ${listable(viewer, sales.ownerId)} and (${days})
      group by 1, 2, 3`);
  }
  if (parts.length === 0)
    return sql`(select null::uuid as owner_id, null::date as month, null::text as label,
    0 as deals, 0 as won, 0 as lost, 0::numeric as won_amount where false)`;
  return sql`(${sql.join(parts, sql` union all `)})`;
}

/** Which summary column counts the deals of a status. */
function dealsOf(filters: Pick<SaleFilters, "status">, cells: { deals: SQL; won: SQL; lost: SQL }): SQL {
  switch (filters.status) {
    case "won":
      return cells.won;
    case "lost":
      return cells.lost;
    case "open":
      return sql`(${cells.deals} - ${cells.won} - ${cells.lost})`;
    default:
      return cells.deals;
  }
}

/**
 * How many of the viewer's listable sales match the filters, counted from the summaries: a query
 * returning one row `{ total }`, or null when a filter (text search, amounts) needs the rows themselves.
 */
export function countFromSummaries(viewer: ScopeSubject, filters: SaleFilters): SQL | null {
  if (filters.search || filters.minAmount !== undefined || filters.maxAmount !== undefined) return null;
  if (!filters.from && !filters.to && !filters.region) {
    const t = salesOwnerTotals;
    const deals = dealsOf(filters, { deals: sql`${t.deals}`, won: sql`${t.won}`, lost: sql`${t.lost}` });
    return sql`select coalesce(sum(${deals}), 0)::int as total from ${t}
      where ${listable(viewer, t.ownerId)} ${filters.ownerId ? sql`and ${t.ownerId} = ${filters.ownerId}` : sql``}`;
  }
  const deals = dealsOf(filters, { deals: sql`c.deals`, won: sql`c.won`, lost: sql`c.lost` });
  return sql`select coalesce(sum(${deals}), 0)::int as total
    from ${summaryCells(viewer, { from: filters.from, to: filters.to }, "region")} as c
    where true ${filters.region ? sql`and c.label = ${filters.region}` : sql``}
      ${filters.ownerId ? sql`and c.owner_id = ${filters.ownerId}` : sql``}`;
}

/**
 * The distinct regions or products among the viewer's listable sales, in order: a skip scan over the
 * summary's label index (one probe per value), not a pass over every row.
 */
export function distinctLabels(viewer: ScopeSubject, dimension: SummaryDimension): SQL {
  const { table, label } = SUMMARIES[dimension];
  const scope = listable(viewer, table.ownerId);
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
  const t = salesOwnerTotals;
  return sql`exists (select 1 from ${t} where ${t.ownerId} = ${owner} and ${listable(viewer, t.ownerId)})`;
}
