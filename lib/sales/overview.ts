import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { users } from "@/db/schema";
import { withViewerOnReplica } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import type { DateRange } from "./schemas";
import { bestOwners, everyoneCells, seesEverySale, summaryCells } from "./summaries";
import { isOwnOnly } from "@/lib/rbac/catalog";

// The overview's numbers over the viewer's listable rows within a range of closed_at, read from the
// per-owner monthly summaries (lib/sales/summaries.ts) rather than from a million sales. Money is
// summed as numeric and handed out as a float for the charts.

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

interface FigureRow {
  kind: "total" | "month" | "label" | "owner";
  month: string | null;
  label: string | null;
  ownerId: string | null;
  username: string | null;
  name: string | null;
  revenue: number;
  won: number;
  lost: number;
  deals: number;
}

/** What one pass over the region cells gives: everything but the products. */
interface RegionFigures {
  kpis: SalesKpis;
  byMonth: MonthRevenue[];
  byRegion: LabelRevenue[];
  /** Every owner with won deals, best first. */
  owners: OwnerRevenue[];
}

type Measures = Pick<FigureRow, "revenue" | "won" | "lost" | "deals">;

function kpisOf(total: Measures | undefined): SalesKpis {
  const revenue = total?.revenue ?? 0;
  const won = total?.won ?? 0;
  const lost = total?.lost ?? 0;
  const deals = total?.deals ?? 0;
  const decided = won + lost;
  return {
    revenue,
    won,
    lost,
    open: deals - won - lost,
    deals,
    averageDeal: won === 0 ? null : revenue / won,
    winRate: decided === 0 ? null : won / decided,
  };
}

// One pass over the summary cells computes the totals, the months, the regions and the owners at
// once (grouping sets): the cells are read once instead of four times.
async function regionFiguresIn(tx: Tx, viewer: Viewer, range: DateRange): Promise<RegionFigures> {
  const rows = await queryRows<FigureRow>(
    tx,
    sql`with figures as (
          select case grouping(c.month, c.label, c.owner_id) when 7 then 'total' when 3 then 'month'
                   when 5 then 'label' else 'owner' end as kind,
            c.month, c.label, c.owner_id,
            coalesce(sum(c.won_amount), 0)::float8 as revenue, coalesce(sum(c.won), 0)::int as won,
            coalesce(sum(c.lost), 0)::int as lost, coalesce(sum(c.deals), 0)::int as deals
          from ${summaryCells(viewer, range, "region")} as c
          group by grouping sets ((), (c.month), (c.label), (c.owner_id))
        )
        select f.kind, to_char(f.month, 'YYYY-MM') as "month", f.label, f.owner_id as "ownerId",
          ${users.username} as "username", ${users.name} as "name", f.revenue, f.won, f.lost, f.deals
        from figures f left join ${users} on ${users.id} = f.owner_id
        order by f.kind, f.revenue desc, coalesce(${users.username}, f.label), f.month`,
  );
  return {
    kpis: kpisOf(rows.find((row) => row.kind === "total")),
    byMonth: everyMonth(rows.filter((row) => row.kind === "month")),
    byRegion: rows
      .filter((row) => row.kind === "label")
      .map((row) => ({ label: row.label ?? "", revenue: row.revenue, won: row.won })),
    owners: rows
      .filter((row) => row.kind === "owner" && row.won > 0)
      .map((row) => ({
        ownerId: row.ownerId ?? "",
        username: row.username ?? "",
        label: row.name ?? "",
        revenue: row.revenue,
        won: row.won,
      })),
  };
}

/** Months as whole numbers (year × 12 + month index), so a series is a plain counted loop. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthText(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/**
 * Every month between the first and the last one with deals, empty months included. Dates are
 * YYYY-MM in the database, so the series is bounded by construction (at most 12 × 10,000 months,
 * and 12 × 130 for dates the app accepts).
 */
function everyMonth(rows: Pick<FigureRow, "month" | "revenue" | "won">[]): MonthRevenue[] {
  const byMonth = new Map(rows.map((row) => [monthNumber(row.month ?? ""), row]));
  const months = [...byMonth.keys()].filter(Number.isFinite);
  if (months.length === 0) return [];
  const first = Math.min(...months);
  const last = Math.max(...months);
  const series: MonthRevenue[] = [];
  for (let n = first; n <= last; n++) {
    const row = byMonth.get(n);
    series.push({ month: monthText(n), revenue: row?.revenue ?? 0, won: row?.won ?? 0 });
  }
  return series;
}

function byProductIn(tx: Tx, viewer: Viewer, range: DateRange): Promise<LabelRevenue[]> {
  return queryRows<LabelRevenue>(
    tx,
    sql`select c.label as "label", coalesce(sum(c.won_amount), 0)::float8 as "revenue",
          coalesce(sum(c.won), 0)::int as "won"
        from ${summaryCells(viewer, range, "product")} as c
        group by c.label order by 2 desc, 1`,
  );
}

/** How many of the best owners the overview names. */
const TOP_OWNERS = 10;

interface CellRow {
  kind: "total" | "month" | "region" | "product";
  month: string | null;
  region: string | null;
  product: string | null;
  revenue: number;
  won: number;
  lost: number;
  deals: number;
}

/**
 * For a viewer who sees every sale: the totals, months, regions and products from the rollup of
 * everyone's sales (one pass, grouping sets), and the ten best owners from the monthly summary by
 * owner, sent together. A few thousand cells instead of one per owner, month and label.
 */
async function everyoneOverviewIn(tx: Tx, viewer: Viewer, range: DateRange): Promise<SalesOverview> {
  const [cells, owners] = await Promise.all([
    queryRows<CellRow>(
      tx,
      sql`select case grouping(c.month, c.region, c.product) when 7 then 'total' when 3 then 'month'
              when 5 then 'region' else 'product' end as kind,
            to_char(c.month, 'YYYY-MM') as "month", c.region, c.product,
            coalesce(sum(c.won_amount), 0)::float8 as revenue, coalesce(sum(c.won), 0)::int as won,
            coalesce(sum(c.lost), 0)::int as lost, coalesce(sum(c.deals), 0)::int as deals
          from ${everyoneCells(viewer, range)} as c
          group by grouping sets ((), (c.month), (c.region), (c.product))
          order by kind, revenue desc, coalesce(c.region, c.product), c.month`,
    ),
    queryRows<OwnerRevenue>(
      tx,
      sql`select f.owner_id as "ownerId", ${users.username} as "username", ${users.name} as "label", f.revenue, f.won
          from (select b.owner_id, b.revenue::float8 as revenue, b.won
                from ${bestOwners(viewer, range, TOP_OWNERS)} as b) as f
          join ${users} on ${users.id} = f.owner_id
          where f.won > 0
          order by f.revenue desc, ${users.username}
          limit ${TOP_OWNERS}`,
    ),
  ]);
  const total = cells.find((row) => row.kind === "total");
  const labelled = (kind: CellRow["kind"]) =>
    cells
      .filter((row) => row.kind === kind)
      .map((row) => ({
        label: (kind === "region" ? row.region : row.product) ?? "",
        revenue: row.revenue,
        won: row.won,
      }));
  return {
    kpis: kpisOf(total),
    byMonth: everyMonth(cells.filter((row) => row.kind === "month")),
    byRegion: labelled("region"),
    byProduct: labelled("product"),
    topOwners: owners,
  };
}

/** Everything the overview shows, in one transaction: two statements over the summaries. */
export async function salesOverview(viewer: Viewer, range: DateRange): Promise<SalesOverview> {
  const withOwners = !isOwnOnly(viewer.scope("sale", "list"));
  if (seesEverySale(viewer)) return withViewerOnReplica(viewer, (tx) => everyoneOverviewIn(tx, viewer, range));
  return withViewerOnReplica(viewer, async (tx) => {
    const { owners, ...figures } = await regionFiguresIn(tx, viewer, range);
    return {
      ...figures,
      byProduct: await byProductIn(tx, viewer, range),
      topOwners: withOwners ? owners.slice(0, TOP_OWNERS) : [],
    };
  });
}
