import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/v1/sales/route";
import { queryRows } from "@/db/client";
import type { Viewer } from "@/lib/auth/principal";
import { listSales, type SalePage } from "@/lib/sales/queries";
import { SALE_SORT_COLUMNS, saleSort, toListQuery, type SaleListParams, type SaleListQuery } from "@/lib/sales/schemas";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, type DemoPeople, demoPeople, noParams, queryString, type DemoUsername } from "../support/fixture";

interface ListBody {
  items: { id: string; owner_id: string }[];
  total: number;
  page: number;
  page_size: number;
  next: string | null;
}

interface ErrorBody {
  errors: { field: string }[];
}

const SORTS = SALE_SORT_COLUMNS.flatMap((column) => [column, `-${column}`]);

/** Every page by number, until the last. */
async function walkByPage(viewer: Viewer, base: SaleListQuery): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await listSales(viewer, { ...base, page });
    ids.push(...result.items.map((item) => item.id));
    if (page * base.pageSize >= result.total) return ids;
  }
}

/** Every page by cursor, from the first until one without `next`; each page says where it stands. */
async function walkByCursor(viewer: Viewer, base: SaleListQuery): Promise<{ ids: string[]; pages: SalePage[] }> {
  const pages: SalePage[] = [];
  let after: string | undefined;
  do {
    const result = await listSales(viewer, { ...base, after });
    pages.push(result);
    after = result.next ?? undefined;
    // A cursor that lost precision would hand out the same page again and again.
    if (pages.length > result.total / base.pageSize + 1) throw new Error("the cursor walk does not end");
  } while (after);
  return { ids: pages.flatMap((page) => page.items.map((item) => item.id)), pages };
}

describe.each(DATABASE_KINDS)("keyset pages of the sales list on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let team: Set<string>;
  /** Every owner id of a listed row: checked against the viewer's scope. */
  const ownersOf = async (ids: string[]) => {
    if (ids.length === 0) return new Set<string>();
    const rows = await queryRows<{ owner: string }>(
      test.owner.db,
      sql`select distinct owner_id::text as owner from sales where id = any(${`{${ids.join(",")}}`}::uuid[])`,
    );
    return new Set(rows.map((row) => row.owner));
  };

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    team = new Set((["alice", "bob", "carol"] as const).map((name) => people.ids[name]));
    // Rows alike in every sort column, and rows a microsecond apart in created_at: a cursor that
    // rounded a key, or ignored the id, would skip or repeat some of them.
    const alice = people.ids.alice;
    for (let i = 0; i < 12; i++) {
      const createdAt = i < 6 ? "2026-03-03 10:00:00.123456+00" : `2026-03-03 10:00:00.12345${i - 6}+00`;
      await test.owner.db.execute(sql`
        insert into sales (id, owner_id, customer, product, region, amount, status, closed_at, created_at, updated_at)
        values (${randomUUID()}, ${alice}, 'Tie & Co', 'CRM Pro', 'EMEA', 500.00, 'won', '2026-03-03',
                ${createdAt}::timestamptz, ${createdAt}::timestamptz)`);
    }
  });
  afterAll(() => test?.dispose());

  const query = (params: Omit<SaleListParams, "sort"> & { sort?: string }) =>
    toListQuery({
      page_size: 90,
      ...params,
      sort: params.sort === undefined ? undefined : saleSort.parse(params.sort),
    });

  it.each([
    ["alice", "own", 70],
    ["carol", "team", 130],
    ["dave", "all", 200],
    ["alice", "own, rows tied on every sort column across pages", 5],
  ] as [DemoUsername, string, number][])(
    "%s (%s): walking every page by cursor gives the rows of walking by number, in order, for every sort",
    async (username, scope, pageSize) => {
      const viewer = people.viewer(username);
      const filterSets = pageSize === 5 ? [{ q: "Tie & Co" }] : [{}, { status: "won" as const, min_amount: 400 }];
      for (const filters of filterSets) {
        for (const sort of SORTS) {
          const parsed = query({ ...filters, sort, page_size: pageSize });
          const byPage = await walkByPage(viewer, parsed);
          const { ids, pages } = await walkByCursor(viewer, parsed);
          const label = `${username} ${scope} ${sort} ${JSON.stringify(filters)}`;
          expect(pages.length, label).toBeGreaterThan(1);
          expect(ids, label).toEqual(byPage);
          expect(new Set(ids).size, label).toBe(ids.length);
          expect(ids.length, label).toBe(pages[0]?.total);
          expect(
            pages.map((page) => [page.page, page.offset]),
            label,
          ).toEqual(pages.map((_, i) => [i + 1, i * parsed.pageSize]));
        }
      }
    },
  );

  it("every row walked is within the viewer's scope", async () => {
    const own = await walkByCursor(people.viewer("alice"), query({ sort: "-amount" }));
    expect([...(await ownersOf(own.ids))]).toEqual([people.ids.alice]);
    const teamRows = await walkByCursor(people.viewer("carol"), query({ sort: "customer" }));
    const teamOwners = await ownersOf(teamRows.ids);
    expect([...teamOwners].every((owner) => team.has(owner))).toBe(true);
    expect(teamOwners.has(people.ids.erin)).toBe(false);
  });

  it("a cursor made by one viewer, used by another, reaches only the second viewer's rows", async () => {
    const alice = people.viewer("alice");
    for (const [maker, sort] of [
      ["dave", "-closed_at"],
      ["carol", "owner"],
      ["erin", "-created_at"],
    ] as const) {
      const made = await listSales(people.viewer(maker), query({ sort, page_size: 20 }));
      expect(made.next, maker).not.toBeNull();
      const used = await listSales(alice, { ...query({ sort, page_size: 20 }), after: made.next ?? undefined });
      expect(used.items.length, maker).toBeGreaterThan(0);
      expect(used.items.every((item) => item.ownerId === alice.id)).toBe(true);
      // Exactly alice's rows that sort after the cursor's row: her own list, from that point on.
      const aliceAll = await walkByPage(alice, query({ sort, page_size: 200 }));
      const [cursorRow] = made.items.slice(-1);
      const everyone = await walkByPage(people.viewer("dave"), query({ sort, page_size: 200 }));
      const rank = new Map(everyone.map((id, i) => [id, i]));
      const cut = rank.get(cursorRow?.id ?? "") ?? -1;
      const expected = aliceAll.filter((id) => (rank.get(id) ?? -1) > cut).slice(0, 20);
      expect(
        used.items.map((item) => item.id),
        maker,
      ).toEqual(expected);
    }
  });

  describe("through the REST API", () => {
    const get = async (username: DemoUsername, params: Record<string, string | number | undefined>) => {
      const response = await list(
        apiRequest("GET", `/api/v1/sales${queryString(params)}`, people.tokens[username]),
        noParams,
      );
      return { status: response.status, body: (await response.json()) as ListBody & ErrorBody };
    };

    it("keeps the list's fields, adds next, and follows it to the last page", async () => {
      const first = await get("carol", { sort: "-amount", status: "lost", page_size: 25 });
      expect(first.status).toBe(200);
      expect(Object.keys(first.body).sort()).toEqual(["items", "next", "page", "page_size", "total"]);
      expect(first.body).toMatchObject({ page: 1, page_size: 25 });
      const ids = first.body.items.map((item) => item.id);
      let next = first.body.next;
      let page = 1;
      while (next) {
        const answer = await get("carol", { sort: "-amount", status: "lost", page_size: 25, after: next });
        expect(answer.status).toBe(200);
        expect(answer.body.page).toBe(++page);
        ids.push(...answer.body.items.map((item) => item.id));
        next = answer.body.next;
      }
      expect(ids).toHaveLength(first.body.total);
      expect(page).toBe(Math.ceil(first.body.total / 25));
      const byNumber: string[] = [];
      for (let n = 1; n <= page; n++)
        byNumber.push(
          ...(await get("carol", { sort: "-amount", status: "lost", page_size: 25, page: n })).body.items.map(
            (item) => item.id,
          ),
        );
      expect(ids).toEqual(byNumber);
    });

    it("the last page has no next, and a page by number has the cursor of the one after it", async () => {
      const total = (await get("alice", {})).body.total;
      const last = await get("alice", { page: Math.ceil(total / 50) });
      expect(last.body.next).toBeNull();
      const second = await get("alice", { page: 2 });
      const third = await get("alice", { after: second.body.next ?? "" });
      expect(third.body.page).toBe(3);
      expect(third.body.items).toEqual((await get("alice", { page: 3 })).body.items);
    });

    it("refuses a malformed, altered or foreign cursor, a NUL byte, and page with after, with 422 on after", async () => {
      const made = (await get("dave", { sort: "amount", q: "a" })).body.next as string;
      const flipped = `${made.slice(0, 10)}${made[10] === "A" ? "B" : "A"}${made.slice(11)}`;
      for (const params of [
        { after: "!!!" },
        { after: "not-a-cursor" },
        { after: `${made}AA` },
        { sort: "amount", q: "a", after: flipped },
        { sort: "amount", q: "a", after: made.slice(0, -2) },
        { sort: "-amount", q: "a", after: made },
        { sort: "amount", after: made },
        { sort: "amount", q: "ab", after: made },
        { sort: "amount", q: "a", after: `${made}\u0000` },
        { sort: "amount", q: "a", after: "\u0000" },
        { sort: "amount", q: "a", page: 2, after: made },
        { sort: "amount", q: "a", page: 1, after: made },
      ]) {
        const { status, body } = await get("dave", params);
        expect(status, JSON.stringify(params)).toBe(422);
        expect(
          body.errors.map((error) => error.field),
          JSON.stringify(params),
        ).toEqual(["after"]);
      }
      expect((await get("dave", { sort: "amount", q: "a", after: made, page_size: 10 })).status).toBe(200);
    });

    it("a cursor gives nobody without sale:list anything: still 403", async () => {
      const made = (await get("dave", {})).body.next as string;
      expect((await get("vera", { after: made })).status).toBe(403);
    });
  });
});
