// The viewer's own narrowing of their rows (search, region, status, owner, dates, amounts) and the
// sort order and a keyset cursor's position in it, as SQL. These only ever AND onto the scope
// predicate: they cannot widen it.
import { asc, desc, eq, gte, ilike, lte, sql, type SQL } from "drizzle-orm";
import { sales, users } from "@/db/schema";
import { containsPattern } from "@/lib/validation";
import type { SaleFilters, SaleSort, SaleSortColumn } from "./schemas";

export function filterConditions(filters: SaleFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [
    filters.search ? ilike(sales.customer, containsPattern(filters.search)) : undefined,
    filters.region ? eq(sales.region, filters.region) : undefined,
    filters.status ? eq(sales.status, filters.status) : undefined,
    filters.ownerId ? eq(sales.ownerId, filters.ownerId) : undefined,
    filters.from ? gte(sales.closedAt, filters.from) : undefined,
    filters.to ? lte(sales.closedAt, filters.to) : undefined,
    filters.minAmount !== undefined ? gte(sales.amount, String(filters.minAmount)) : undefined,
    filters.maxAmount !== undefined ? lte(sales.amount, String(filters.maxAmount)) : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

const SORT_COLUMNS = {
  closed_at: sales.closedAt,
  amount: sales.amount,
  customer: sales.customer,
  product: sales.product,
  region: sales.region,
  status: sales.status,
  created_at: sales.createdAt,
  owner: users.username,
} satisfies Record<SaleSortColumn, unknown>;

/** The sort, then the id in the same direction, so pages never overlap or skip rows with equal keys. */
export function orderBy(sort: SaleSort): SQL[] {
  const direction = sort.descending ? desc : asc;
  return [direction(SORT_COLUMNS[sort.column]), direction(sales.id)];
}

/**
 * Each sort column as text that reads back to exactly the same value: the key a cursor carries.
 * Dates and times are spelled in UTC to the microsecond, whatever the session's settings.
 */
const SORT_KEYS = {
  closed_at: { text: sql`to_char(${sales.closedAt}, 'YYYY-MM-DD')`, type: sql`date` },
  amount: { text: sql`${sales.amount}::text`, type: sql`numeric` },
  customer: { text: sql`${sales.customer}::text`, type: sql`text` },
  product: { text: sql`${sales.product}::text`, type: sql`text` },
  region: { text: sql`${sales.region}::text`, type: sql`text` },
  status: { text: sql`${sales.status}::text`, type: sql`sale_status` },
  created_at: {
    text: sql`to_char(${sales.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    type: sql`timestamptz`,
  },
  owner: { text: sql`${users.username}::text`, type: sql`text` },
} satisfies Record<SaleSortColumn, { text: SQL; type: SQL }>;

/** The sort column of a row as a cursor's key. */
export function sortKey(sort: SaleSort): SQL<string> {
  return sql<string>`${SORT_KEYS[sort.column].text}`;
}

/**
 * The rows after (key, id) in the order of `orderBy(sort)`: one row comparison, which the
 * (owner_id, closed_at, id) and (closed_at, id) indexes answer by seeking, as they answer a first page.
 */
export function afterKey(sort: SaleSort, key: string, id: string): SQL {
  const { type } = SORT_KEYS[sort.column];
  const operator = sort.descending ? sql`<` : sql`>`;
  return sql`(${SORT_COLUMNS[sort.column]}, ${sales.id}) ${operator} (cast(${key} as ${type}), cast(${id} as uuid))`;
}
