// The viewer's own narrowing of his rows (search, region, status, owner, dates, amounts) and the
// sort order, as SQL. These only ever AND onto the scope predicate: they cannot widen it.
import { asc, desc, eq, gte, ilike, lte, type SQL } from "drizzle-orm";
import { sales, users } from "@/db/schema";
import type { SaleFilters, SaleSort, SaleSortColumn } from "./schemas";

/** `%` and `_` in a search are literal characters, not wildcards. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function filterConditions(filters: SaleFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [
    filters.search ? ilike(sales.customer, `%${escapeLike(filters.search)}%`) : undefined,
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
