// Shared by the sales suites: demo viewers by name, Bearer tokens, requests to the route handlers,
// and a recount of the summaries.
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { queryRows, type Database } from "@/db/client";
import { DEMO_USERS } from "@/db/seed";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { insertToken } from "@/lib/auth/tokens";

export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

export interface DemoPeople {
  viewers: Map<string, Viewer>;
  tokens: Map<string, string>;
  idOf(username: string): string;
  viewer(username: string): Viewer;
  token(username: string): string;
}

/** Every demo user as a resolved viewer, each with a fresh API token. */
export async function demoPeople(db: Database): Promise<DemoPeople> {
  const rows = await queryRows<{ id: string; username: string }>(db, sql`select id, username from users`);
  const viewers = new Map<string, Viewer>();
  const tokens = new Map<string, string>();
  for (const row of rows) {
    const viewer = await loadViewerById(db, row.id);
    if (!viewer) throw new Error(`demo user ${row.username} is not active`);
    viewers.set(row.username, viewer);
    tokens.set(row.username, (await insertToken(db, row.id, { name: "sales tests" })).token);
  }
  const must = <T>(map: Map<string, T>, username: string): T => {
    const value = map.get(username);
    if (value === undefined) throw new Error(`no demo user ${username}`);
    return value;
  };
  return {
    viewers,
    tokens,
    idOf: (username) => must(viewers, username).id,
    viewer: (username) => must(viewers, username),
    token: (username) => must(tokens, username),
  };
}

export function apiRequest(method: string, path: string, token: string | null, body?: unknown): NextRequest {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(new URL(path, "http://localhost"), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const noParams = { params: Promise.resolve({}) };
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** The user filters of a list query as a query string (for the API). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

// Each summary recomputed from sales, compared both ways: an empty difference means exact.
const SUMMARY_DRIFT = sql`
  with region_truth as (
    select owner_id, date_trunc('month', closed_at)::date as month, region, count(*)::int as deals,
      (count(*) filter (where status = 'won'))::int as won, (count(*) filter (where status = 'lost'))::int as lost,
      coalesce(sum(amount) filter (where status = 'won'), 0)::numeric(18, 2) as won_amount,
      coalesce(sum(amount) filter (where status = 'lost'), 0)::numeric(18, 2) as lost_amount,
      sum(amount)::numeric(18, 2) as amount
    from sales group by 1, 2, 3
  ), product_truth as (
    select owner_id, date_trunc('month', closed_at)::date as month, product, count(*)::int as deals,
      (count(*) filter (where status = 'won'))::int as won, (count(*) filter (where status = 'lost'))::int as lost,
      coalesce(sum(amount) filter (where status = 'won'), 0)::numeric(18, 2) as won_amount,
      coalesce(sum(amount) filter (where status = 'lost'), 0)::numeric(18, 2) as lost_amount,
      sum(amount)::numeric(18, 2) as amount
    from sales group by 1, 2, 3
  ), owner_truth as (
    select owner_id, count(*)::int as deals, (count(*) filter (where status = 'won'))::int as won,
      (count(*) filter (where status = 'lost'))::int as lost,
      coalesce(sum(amount) filter (where status = 'won'), 0)::numeric(18, 2) as won_amount,
      coalesce(sum(amount) filter (where status = 'lost'), 0)::numeric(18, 2) as lost_amount,
      sum(amount)::numeric(18, 2) as amount
    from sales group by 1
  )
  select (
    (select count(*) from ((select * from region_truth except
      select owner_id, month, region, deals, won, lost, won_amount, lost_amount, amount from sales_monthly_by_region)
      union all (select owner_id, month, region, deals, won, lost, won_amount, lost_amount, amount from sales_monthly_by_region
      except select * from region_truth)) as d)
    + (select count(*) from ((select * from product_truth except
      select owner_id, month, product, deals, won, lost, won_amount, lost_amount, amount from sales_monthly_by_product)
      union all (select owner_id, month, product, deals, won, lost, won_amount, lost_amount, amount from sales_monthly_by_product
      except select * from product_truth)) as d)
    + (select count(*) from ((select * from owner_truth except
      select owner_id, deals, won, lost, won_amount, lost_amount, amount from sales_owner_totals)
      union all (select owner_id, deals, won, lost, won_amount, lost_amount, amount from sales_owner_totals
      except select * from owner_truth)) as d)
  )::int as drift`;

/** How many summary rows differ from a recount of the sales, in either direction: 0 when exact. */
export async function summaryDrift(db: Database): Promise<number | undefined> {
  return (await queryRows<{ drift: number }>(db, SUMMARY_DRIFT))[0]?.drift;
}
