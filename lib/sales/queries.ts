import "server-only";
import { and, asc, count, eq, ilike, or, sql, sum, type SQL } from "drizzle-orm";
import { queryRows, type Tx } from "@/db/client";
import { sales, users } from "@/db/schema";
import { withViewer, withViewerOnReplica } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";
import { containsPattern, parseInput } from "@/lib/validation";
import { encodeCursor, requireCursor } from "./cursor";
import { afterKey, filterConditions, orderBy, sortKey } from "./filters";
import { isSaleId, saleColumns, toRecord, type SaleRecord } from "./records";
import {
  OWNER_SUGGESTIONS,
  ownerSearchParams,
  saleListParams,
  toListQuery,
  type SaleFilters,
  type SaleListQuery,
} from "./schemas";
import { ownersReached, requireScope, scopePredicate } from "./scope";
import { distinctLabels, ownsSales, totalsFromSummaries, type SummaryDimension } from "./summaries";

export interface SalePage {
  items: SaleRecord[];
  total: number;
  /** Every matching deal's amount added up (the totals row), counted with `total`. */
  amount: number;
  /** The page number these rows are on (for a cursor's page, where it stood when it was made). */
  page: number;
  pageSize: number;
  /** How many rows come before this page. */
  offset: number;
  /** The cursor of the page after this one, or null when this is the last. */
  next: string | null;
}

/** The viewer's listable sales matching the filters: the one condition the list and its totals share. */
function listableMatching(viewer: Viewer, filters: SaleFilters): SQL | undefined {
  return and(requireScope(viewer, "list"), ...filterConditions(filters));
}

/**
 * One page of the viewer's listable sales matching the filters, and how many match in all. The page
 * is `query.page` (an OFFSET, dearer the deeper it is) or the one after `query.after` (a keyset
 * cursor: a seek on the sort's index, as cheap at the end as at the start).
 */
export async function listSales(viewer: Viewer, query: SaleListQuery): Promise<SalePage> {
  return withViewerOnReplica(viewer, pageReader(viewer, query));
}

/**
 * What the sales page shows from the database: the list's page and the region filter's choices,
 * read in one transaction (their statements sent together).
 */
export async function salesListView(
  viewer: Viewer,
  query: SaleListQuery,
): Promise<{ page: SalePage; regions: string[] }> {
  const readPage = pageReader(viewer, query);
  const regions = distinctLabels(viewer, "region");
  return withViewerOnReplica(viewer, async (tx) => {
    const [page, rows] = await Promise.all([readPage(tx), queryRows<{ value: string }>(tx, regions)]);
    return { page, regions: rows.map((row) => row.value) };
  });
}

/** The list's page as a read inside a transaction; the scope and the query are checked first. */
function pageReader(viewer: Viewer, query: SaleListQuery): (tx: Tx) => Promise<SalePage> {
  const listable = listableMatching(viewer, query.filters);
  const cursor = requireCursor(query);
  const where = cursor ? and(listable, afterKey(query.sort, cursor.key, cursor.id)) : listable;
  const summarised = totalsFromSummaries(viewer, query.filters);
  const offset = cursor ? cursor.position : (query.page - 1) * query.pageSize;
  return async (tx) => {
    const counting = Promise.resolve(
      summarised
        ? queryRows<{ total: number; amount: string | null }>(tx, summarised)
        : tx
            .select({ total: count(), amount: sum(sales.amount) })
            .from(sales)
            .where(listable),
    );
    // One row more than the page: whether it exists says whether there is a next page.
    const readPage = () =>
      tx
        .select({ ...saleColumns, sortKey: sortKey(query.sort) })
        .from(sales)
        .innerJoin(users, eq(users.id, sales.ownerId))
        .where(where)
        .orderBy(...orderBy(query.sort))
        .limit(query.pageSize + 1)
        .offset(cursor ? 0 : offset);
    // The first page, or a cursor's, is read together with the count (one round trip for both); a
    // later page by number waits for the count, so a page past the end reads nothing.
    const together = cursor !== null || offset === 0;
    const [[counted], early] = await Promise.all([counting, together ? readPage() : null]);
    const total = counted?.total ?? 0;
    const rows = early ?? (offset < total ? await readPage() : []);
    const shown = rows.slice(0, query.pageSize);
    const last = shown.at(-1);
    const next =
      rows.length > query.pageSize && last
        ? encodeCursor(query, { key: last.sortKey, id: last.id, position: offset + shown.length })
        : null;
    return {
      items: shown.map(({ sortKey: _key, ...sale }) => toRecord(sale)),
      total,
      amount: Number(counted?.amount ?? 0),
      page: Math.floor(offset / query.pageSize) + 1,
      pageSize: query.pageSize,
      offset,
      next,
    };
  };
}

/** GET /sales: the query string read after the list permission is checked, so 403 comes before 422. */
export async function searchSales(viewer: Viewer, params: unknown): Promise<SalePage> {
  requireScope(viewer, "list");
  return listSales(viewer, toListQuery(parseInput(saleListParams, params, "Invalid query")));
}

export interface SaleDetail extends SaleRecord {
  /** Whether this viewer may edit / delete this row (the mutations check again). */
  canUpdate: boolean;
  canDelete: boolean;
}

/** One sale the viewer may read. Missing, outside their scope or not a UUID: all the same NotFound. */
export async function getSale(viewer: Viewer, id: string): Promise<SaleDetail> {
  const scope = scopePredicate(viewer, "read");
  if (!scope) throw new Forbidden("You do not have permission to read sales");
  if (!isSaleId(id)) throw new NotFound("Sale not found");
  const [row] = await withViewer(viewer, (tx) =>
    tx
      .select({
        ...saleColumns,
        canUpdate: sql<boolean>`(${scopePredicate(viewer, "update") ?? sql`false`})`,
        canDelete: sql<boolean>`(${scopePredicate(viewer, "delete") ?? sql`false`})`,
      })
      .from(sales)
      .innerJoin(users, eq(users.id, sales.ownerId))
      .where(and(eq(sales.id, id), scope)),
  );
  if (!row) throw new NotFound("Sale not found");
  const { canUpdate, canDelete, ...sale } = row;
  return { ...toRecord(sale), canUpdate: Boolean(canUpdate), canDelete: Boolean(canDelete) };
}

export interface Owner {
  id: string;
  username: string;
  name: string;
}

/**
 * People owning at least one of the viewer's listable sales, by username, at most `limit` of
 * them: those whose name or username contains `search` (the owner filter's suggestions), or the
 * one person with `id` (the filter already applied, to name it).
 */
export async function ownersInScope(
  viewer: Viewer,
  { search, id, limit = OWNER_SUGGESTIONS }: { search?: string; id?: string; limit?: number } = {},
): Promise<Owner[]> {
  requireScope(viewer, "list");
  const matching = search
    ? or(ilike(users.username, containsPattern(search)), ilike(users.name, containsPattern(search)))
    : undefined;
  return withViewer(viewer, (tx) =>
    tx
      .select({ id: users.id, username: users.username, name: users.name })
      .from(users)
      .where(and(ownsSales(viewer, users.id), matching, id === undefined ? undefined : eq(users.id, id)))
      .orderBy(asc(users.username))
      .limit(limit),
  );
}

export interface OwnerSuggestions {
  owners: Owner[];
  /** Whether more people match than are suggested: typing more narrows them. */
  more: boolean;
}

/** The owner filter's suggestions for what has been typed (`{ q }`, from the address). */
export async function suggestOwners(viewer: Viewer, input: unknown): Promise<OwnerSuggestions> {
  requireScope(viewer, "list");
  const { q } = parseInput(ownerSearchParams, input);
  const owners = await ownersInScope(viewer, { search: q, limit: OWNER_SUGGESTIONS + 1 });
  return { owners: owners.slice(0, OWNER_SUGGESTIONS), more: owners.length > OWNER_SUGGESTIONS };
}

/** Active people the viewer may give a sale to when creating or editing one: the owner picker's choices. */
export async function assignableOwners(viewer: Viewer, action: "create" | "update"): Promise<Owner[]> {
  const reach = ownersReached(viewer, action);
  if (!reach) return [];
  return withViewer(viewer, (tx) => assignable(tx, reach));
}

export function assignable(tx: Tx, reach: SQL | null, ownerId?: string): Promise<Owner[]> {
  return tx
    .select({ id: users.id, username: users.username, name: users.name })
    .from(users)
    .where(and(eq(users.isActive, true), reach ?? sql`false`, ownerId ? eq(users.id, ownerId) : undefined))
    .orderBy(asc(users.username));
}

async function distinctInScope(viewer: Viewer, dimension: SummaryDimension): Promise<string[]> {
  const query = distinctLabels(viewer, dimension);
  const rows = await withViewer(viewer, (tx) => queryRows<{ value: string }>(tx, query));
  return rows.map((row) => row.value);
}

/** The regions among the viewer's listable sales: the region filter's choices. */
export function regionsInScope(viewer: Viewer): Promise<string[]> {
  return distinctInScope(viewer, "region");
}

/** The products among the viewer's listable sales: suggestions when typing one. */
export function productsInScope(viewer: Viewer): Promise<string[]> {
  return distinctInScope(viewer, "product");
}
