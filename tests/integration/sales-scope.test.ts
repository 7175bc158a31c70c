import { sql, type SQL } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/v1/sales/[id]/route";
import { GET as list } from "@/app/api/v1/sales/route";
import { queryRows } from "@/db/client";
import { withViewer } from "@/db/scoped";
import { CUSTOMERS, REGIONS } from "@/db/seed";
import type { Viewer } from "@/lib/auth/principal";
import { listSales, regionsInScope, salesListView } from "@/lib/sales/queries";
import { SALE_SORT_COLUMNS, SALE_STATUSES } from "@/lib/sales/schemas";
import { POOLED_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import {
  apiRequest,
  DEMO_USERNAMES,
  type DemoPeople,
  demoPeople,
  idParams,
  noParams,
  queryString,
  type DemoUsername,
} from "../support/fixture";

interface Filters {
  q?: string;
  region?: string;
  status?: string;
  owner_id?: string;
  from?: string;
  to?: string;
  min_amount?: number;
  max_amount?: number;
}

interface Item {
  id: string;
  owner_id: string;
  customer: string;
  region: string;
  status: string;
  amount: number;
  closed_at: string;
}

/**
 * The oracle: as the viewer, with row level security alone deciding the scope (no scope predicate),
 * the user's filters written here independently of lib/sales.
 */
async function countWithRlsOnly(viewer: Viewer, filters: Filters): Promise<number> {
  const conditions: SQL[] = [sql`true`];
  filters = searchAsTyped(filters);
  if (filters.q) conditions.push(sql`position(lower(${filters.q}) in lower(customer)) > 0`);
  if (filters.region) conditions.push(sql`region = ${filters.region}`);
  if (filters.status) conditions.push(sql`status::text = ${filters.status}`);
  if (filters.owner_id) conditions.push(sql`owner_id = ${filters.owner_id}::uuid`);
  if (filters.from) conditions.push(sql`closed_at >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`closed_at <= ${filters.to}::date`);
  if (filters.min_amount !== undefined) conditions.push(sql`amount >= ${filters.min_amount}::numeric`);
  if (filters.max_amount !== undefined) conditions.push(sql`amount <= ${filters.max_amount}::numeric`);
  const [row] = await withViewer(viewer, (tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from sales where ${sql.join(conditions, sql` and `)}`),
  );
  return row?.n ?? -1;
}

/** The search box trims what was typed; blank means no search. */
function searchAsTyped(filters: Filters): Filters {
  return { ...filters, q: filters.q?.trim() || undefined };
}

function matches(item: Item, typed: Filters): boolean {
  const filters = searchAsTyped(typed);
  return (
    (!filters.q || item.customer.toLowerCase().includes(filters.q.toLowerCase())) &&
    (!filters.region || item.region === filters.region) &&
    (!filters.status || item.status === filters.status) &&
    (!filters.owner_id || item.owner_id === filters.owner_id) &&
    (!filters.from || item.closed_at >= filters.from) &&
    (!filters.to || item.closed_at <= filters.to) &&
    (filters.min_amount === undefined || item.amount >= filters.min_amount) &&
    (filters.max_amount === undefined || item.amount <= filters.max_amount)
  );
}

const LIST_USERS: DemoUsername[] = [
  "admin",
  "root",
  "victor",
  "rita",
  "alice",
  "bob",
  "carol",
  "erin",
  "frank",
  "dave",
];

describe.each(POOLED_KINDS)("row scope of the sales list on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let teamOf: Map<string, string | null>;
  let managerOf: Map<string, string | null>;
  let allRowIds: string[];

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    const users = await queryRows<{ id: string; team: string | null; manager_id: string | null }>(
      test.owner.db,
      sql`select id, team, manager_id from users`,
    );
    teamOf = new Map(users.map((u) => [u.id, u.team]));
    managerOf = new Map(users.map((u) => [u.id, u.manager_id]));
    const rows = await queryRows<{ id: string }>(test.owner.db, sql`select id from sales order by id`);
    allRowIds = rows.map((r) => r.id);
  });
  afterAll(() => test?.dispose());

  /** Whether the row's owner lies in the viewer's list scope, decided from the users table alone. */
  function inScope(viewer: Viewer, ownerId: string, region: string): boolean {
    const scope = viewer.scope("sale", "list");
    return (scope ?? []).some((kind) => {
      if (kind === "all") return true;
      // Without a team, a team scope reaches its holder's own rows.
      if (kind === "team") return viewer.team === null ? ownerId === viewer.id : teamOf.get(ownerId) === viewer.team;
      if (kind === "own") return ownerId === viewer.id;
      if (kind === "region") return viewer.regions.includes(region);
      // The viewer, or anyone with the viewer somewhere above them.
      for (let id: string | null | undefined = ownerId; id; id = managerOf.get(id)) if (id === viewer.id) return true;
      return false;
    });
  }

  const day = fc
    .integer({ min: Date.UTC(2024, 9, 1) / 86_400_000, max: Date.UTC(2026, 10, 30) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
  const amount = fc.integer({ min: 0, max: 40_000 });
  const search = fc.oneof(
    fc
      .constantFrom(...CUSTOMERS)
      .chain((c) =>
        fc.tuple(fc.nat(c.length - 1), fc.integer({ min: 1, max: 5 })).map(([start, n]) => c.slice(start, start + n)),
      ),
    fc.constantFrom("%", "_", "co", "CORP", "a_b", "100%", "\\"),
  );
  const filters = (ownerIds: string[]) =>
    fc
      .record(
        {
          q: search,
          region: fc.constantFrom(...REGIONS, "Atlantis"),
          status: fc.constantFrom(...SALE_STATUSES),
          owner_id: fc.constantFrom(...ownerIds),
          from: day,
          to: day,
          min_amount: amount,
          max_amount: amount,
        },
        { requiredKeys: [] },
      )
      .filter(
        (f: Filters) => (!f.from || !f.to || f.from <= f.to) && (f.min_amount ?? 0) <= (f.max_amount ?? Infinity),
      );
  const sort = fc
    .tuple(fc.constantFrom(...SALE_SORT_COLUMNS), fc.boolean())
    .map(([column, descending]) => `${descending ? "-" : ""}${column}`);

  it.each(LIST_USERS)(
    "for %s every listed row is in scope and totals match row level security alone",
    async (username) => {
      const viewer = people.viewer(username);
      const ownerIds = [...teamOf.keys()];
      await fc.assert(
        fc.asyncProperty(
          filters(ownerIds),
          sort,
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 200 }),
          async (f, order, page, pageSize) => {
            const response = await list(
              apiRequest(
                "GET",
                `/api/v1/sales${queryString({ ...f, sort: order, page, page_size: pageSize })}`,
                people.tokens[username],
              ),
              noParams,
            );
            expect(response.status).toBe(200);
            const body = (await response.json()) as { items: Item[]; total: number; page: number; page_size: number };
            expect(body.total).toBe(await countWithRlsOnly(viewer, f));
            expect(body.items.length).toBe(Math.max(0, Math.min(pageSize, body.total - (page - 1) * pageSize)));
            for (const item of body.items) {
              expect(inScope(viewer, item.owner_id, item.region)).toBe(true);
              expect(matches(item, f)).toBe(true);
            }
            if (order.endsWith("amount")) {
              const amounts = body.items.map((i) => i.amount);
              const sorted = [...amounts].sort((a, b) => a - b);
              expect(amounts).toEqual(order.startsWith("-") ? sorted.reverse() : sorted);
            }
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  it("the sales page's one transaction reads what the list and the region choices read apart", async () => {
    const query = { filters: {}, sort: { column: "closed_at" as const, descending: true }, page: 1, pageSize: 20 };
    for (const username of ["alice", "carol", "dave", "rita"] as const) {
      const viewer = people.viewer(username);
      const view = await salesListView(viewer, query);
      expect(view).toEqual({ page: await listSales(viewer, query), regions: await regionsInScope(viewer) });
      expect(view.page.items.every((sale) => inScope(viewer, sale.ownerId, sale.region))).toBe(true);
    }
    await expect(salesListView(people.viewer("vera"), query)).rejects.toMatchObject({ status: 403 });
  });

  it("walking every page of a sort gives each row in scope exactly once", async () => {
    const viewer = people.viewer("carol");
    for (const order of [
      { column: "customer", descending: false },
      { column: "status", descending: true },
    ] as const) {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const result = await listSales(viewer, { filters: {}, sort: order, page, pageSize: 37 });
        seen.push(...result.items.map((i) => i.id));
        if (result.items.length < 37) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(await countWithRlsOnly(viewer, {}));
    }
  });

  it("viewers without sale:list are refused whatever they ask for", async () => {
    for (const username of DEMO_USERNAMES.filter((u) => !LIST_USERS.includes(u))) {
      const response = await list(apiRequest("GET", "/api/v1/sales?status=won", people.tokens[username]), noParams);
      expect(response.status, username).toBe(403);
    }
  });

  it("GET /sales/{id} succeeds exactly when the row is in that user's list", async () => {
    const listed = new Map<string, Set<string>>();
    for (const username of LIST_USERS) {
      const everything = await listSales(people.viewer(username), {
        filters: {},
        sort: { column: "closed_at", descending: true },
        page: 1,
        pageSize: 100_000,
      });
      listed.set(username, new Set(everything.items.map((i) => i.id)));
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DEMO_USERNAMES), fc.constantFrom(...allRowIds), async (username, id) => {
        const response = await getOne(apiRequest("GET", `/api/v1/sales/${id}`, people.tokens[username]), idParams(id));
        const visible = listed.get(username);
        if (!visible) expect(response.status).toBe(403);
        else expect(response.status).toBe(visible.has(id) ? 200 : 404);
      }),
      { numRuns: 150 },
    );
  });
});
