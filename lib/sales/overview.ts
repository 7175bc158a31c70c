import "server-only";
import { and, sql, type SQL } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { sales, users } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { filterConditions } from "./filters";
import type { DateRange } from "./schemas";
import { requireScope } from "./scope";

// The overview's numbers, each computed in SQL over the viewer's listable rows within a range of
// closed_at. Money is summed as numeric and handed out as a float for the charts.

export interface SalesKpis {
  /** Sum of won amounts. */
  revenue: number;
  won: number;
  lost: number;
  open: number;
  deals: number;
  /** Average won amount; null without won deals. */
  averageDeal: number | null;
  /** won / (won + lost); null when nothing is decided yet. */
  winRate: number | null;
}

export interface MonthRevenue {
  /** YYYY-MM */
  month: string;
  revenue: number;
  won: number;
}

export interface LabelRevenue {
  label: string;
  revenue: number;
  won: number;
}

/** `label` is the owner's name. */
export interface OwnerRevenue extends LabelRevenue {
  ownerId: string;
  username: string;
}

export interface SalesOverview {
  kpis: SalesKpis;
  byMonth: MonthRevenue[];
  byRegion: LabelRevenue[];
  byProduct: LabelRevenue[];
  topOwners: OwnerRevenue[];
}

const revenue = sql`coalesce(sum(${sales.amount}) filter (where ${sales.status} = 'won'), 0)::float8`;
const wonCount = sql`(count(*) filter (where ${sales.status} = 'won'))::int`;

/** The scope predicate and the range, ready for a WHERE. */
function rowsOf(viewer: Viewer, range: DateRange): SQL {
  return and(requireScope(viewer, "list"), ...filterConditions({ from: range.from, to: range.to })) as SQL;
}

async function kpisIn(tx: Tx, where: SQL): Promise<SalesKpis> {
  const [row] = await queryRows<Omit<SalesKpis, "winRate">>(
    tx,
    sql`select ${revenue} as "revenue", ${wonCount} as "won",
          (count(*) filter (where ${sales.status} = 'lost'))::int as "lost",
          (count(*) filter (where ${sales.status} = 'open'))::int as "open",
          count(*)::int as "deals",
          (avg(${sales.amount}) filter (where ${sales.status} = 'won'))::float8 as "averageDeal"
        from ${sales} where ${where}`,
  );
  const kpis = row ?? { revenue: 0, won: 0, lost: 0, open: 0, deals: 0, averageDeal: null };
  const decided = kpis.won + kpis.lost;
  return { ...kpis, winRate: decided === 0 ? null : kpis.won / decided };
}

/** Every month between the first and the last deal in range, empty months included. */
function byMonthIn(tx: Tx, where: SQL): Promise<MonthRevenue[]> {
  const month = sql`date_trunc('month', ${sales.closedAt}::timestamp)`;
  return queryRows<MonthRevenue>(
    tx,
    sql`with monthly as (
          select ${month} as month, ${revenue} as revenue, ${wonCount} as won
          from ${sales} where ${where} group by 1
        )
        select to_char(series.month, 'YYYY-MM') as "month",
          coalesce(monthly.revenue, 0)::float8 as "revenue", coalesce(monthly.won, 0)::int as "won"
        from (select generate_series(min(month), max(month), interval '1 month') as month from monthly) as series
        left join monthly on monthly.month = series.month
        order by series.month`,
  );
}

function byColumnIn(tx: Tx, where: SQL, column: typeof sales.region | typeof sales.product): Promise<LabelRevenue[]> {
  return queryRows<LabelRevenue>(
    tx,
    sql`select ${column} as "label", ${revenue} as "revenue", ${wonCount} as "won"
        from ${sales} where ${where} group by ${column} order by 2 desc, 1`,
  );
}

function topOwnersIn(tx: Tx, where: SQL, limit: number): Promise<OwnerRevenue[]> {
  return queryRows<OwnerRevenue>(
    tx,
    sql`select ${users.id} as "ownerId", ${users.name} as "label", ${users.username} as "username",
          ${revenue} as "revenue", ${wonCount} as "won"
        from ${sales} join ${users} on ${users.id} = ${sales.ownerId}
        where ${where}
        group by ${users.id}, ${users.username}, ${users.name}
        having count(*) filter (where ${sales.status} = 'won') > 0
        order by 4 desc, 3 limit ${limit}`,
  );
}

export async function salesKpis(viewer: Viewer, range: DateRange): Promise<SalesKpis> {
  const where = rowsOf(viewer, range);
  return withViewer(viewer, (tx) => kpisIn(tx, where));
}

export async function revenueByMonth(viewer: Viewer, range: DateRange): Promise<MonthRevenue[]> {
  const where = rowsOf(viewer, range);
  return withViewer(viewer, (tx) => byMonthIn(tx, where));
}

export async function revenueByRegion(viewer: Viewer, range: DateRange): Promise<LabelRevenue[]> {
  const where = rowsOf(viewer, range);
  return withViewer(viewer, (tx) => byColumnIn(tx, where, sales.region));
}

export async function revenueByProduct(viewer: Viewer, range: DateRange): Promise<LabelRevenue[]> {
  const where = rowsOf(viewer, range);
  return withViewer(viewer, (tx) => byColumnIn(tx, where, sales.product));
}

export async function topOwners(viewer: Viewer, range: DateRange, limit = 10): Promise<OwnerRevenue[]> {
  const where = rowsOf(viewer, range);
  return withViewer(viewer, (tx) => topOwnersIn(tx, where, limit));
}

/** Everything the overview shows, in one transaction. */
export async function salesOverview(viewer: Viewer, range: DateRange): Promise<SalesOverview> {
  const where = rowsOf(viewer, range);
  const withOwners = viewer.scope("sale", "list") !== "own";
  return withViewer(viewer, async (tx) => ({
    kpis: await kpisIn(tx, where),
    byMonth: await byMonthIn(tx, where),
    byRegion: await byColumnIn(tx, where, sales.region),
    byProduct: await byColumnIn(tx, where, sales.product),
    topOwners: withOwners ? await topOwnersIn(tx, where, 10) : [],
  }));
}

/** The latest closing date among the viewer's rows (YYYY-MM-DD), or null when he has none. */
export async function latestSaleDate(viewer: Viewer): Promise<string | null> {
  const scope = requireScope(viewer, "list");
  const [row] = await withViewer(viewer, (tx) =>
    queryRows<{ latest: string | null }>(
      tx,
      sql`select max(${sales.closedAt})::text as "latest" from ${sales} where ${scope}`,
    ),
  );
  return row?.latest ?? null;
}
