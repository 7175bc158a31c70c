import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne, PATCH } from "@/app/api/v1/sales/[id]/route";
import { GET as list, POST } from "@/app/api/v1/sales/route";
import { queryRows } from "@/db/client";
import { sales } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { createSale, deleteSale, updateSale } from "@/lib/sales/mutations";
import { POOLED_KINDS, demoDatabase, rejectsWithDatabaseError, type TestDatabase } from "../support/databases";
import { apiRequest, type DemoPeople, demoPeople, idParams, noParams, type DemoUsername } from "../support/fixture";

const deal = {
  customer: "Globex",
  product: "Training",
  region: "APAC",
  amount: 2500,
  status: "open",
  closed_at: "2026-06-30",
};

describe.each(POOLED_KINDS)("writing sales on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  const anyRowOf = async (username: DemoUsername) => {
    const [row] = await queryRows<{ id: string }>(
      test.owner.db,
      sql`select id from sales where owner_id = ${people.ids[username]} order by id limit 1`,
    );
    if (!row) throw new Error(`${username} owns no sales`);
    return row.id;
  };
  const ownerOf = async (id: string) =>
    (await test.owner.db.select({ ownerId: sales.ownerId }).from(sales).where(eq(sales.id, id)))[0]?.ownerId;

  const post = (username: DemoUsername, body: unknown) =>
    POST(apiRequest("POST", "/api/v1/sales", people.tokens[username], body), noParams);
  const patch = (username: DemoUsername, id: string, body: unknown) =>
    PATCH(apiRequest("PATCH", `/api/v1/sales/${id}`, people.tokens[username], body), idParams(id));
  const errorFields = async (response: Response) =>
    ((await response.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field);

  describe("a rep (alice)", () => {
    it("creates sales they own, the owner defaulting to themselves", async () => {
      const response = await post("alice", deal);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({
        owner_id: people.ids.alice,
        owner_username: "alice",
        amount: 2500,
      });
      const named = await post("alice", { ...deal, owner_id: people.ids.alice });
      expect(named.status).toBe(201);
    });

    it("cannot create a sale for someone else: 422 on owner_id, nothing written", async () => {
      const before = await test.owner.db.$count(sales);
      for (const other of ["bob", "erin"] as const) {
        const response = await post("alice", { ...deal, owner_id: people.ids[other] });
        expect(response.status).toBe(422);
        expect(await errorFields(response)).toEqual(["owner_id"]);
      }
      expect(await test.owner.db.$count(sales)).toBe(before);
    });

    it("cannot move their own row to someone else (422) nor edit another's row (404)", async () => {
      const own = await anyRowOf("alice");
      const moved = await patch("alice", own, { owner_id: people.ids.bob });
      expect(moved.status).toBe(422);
      expect(await errorFields(moved)).toEqual(["owner_id"]);
      expect(await ownerOf(own)).toBe(people.ids.alice);

      const bobs = await anyRowOf("bob");
      const edited = await patch("alice", bobs, { customer: "Hijacked" });
      expect(edited.status).toBe(404);
      const claimed = await patch("alice", bobs, { owner_id: people.ids.alice });
      expect([404, 422]).toContain(claimed.status);
      expect(await ownerOf(bobs)).toBe(people.ids.bob);
    });

    it("with the app's check bypassed, the database policy still refuses the insert and the move", async () => {
      const alice = people.viewer("alice");
      await rejectsWithDatabaseError(
        withViewer(alice, (tx) =>
          tx
            .insert(sales)
            .values({ ...deal, status: "open", amount: "1.00", closedAt: deal.closed_at, ownerId: people.ids.bob }),
        ),
        /row-level security/,
      );
      const own = await anyRowOf("alice");
      await rejectsWithDatabaseError(
        withViewer(alice, (tx) => tx.update(sales).set({ ownerId: people.ids.bob }).where(eq(sales.id, own))),
        /row-level security/,
      );
      const bobs = await anyRowOf("bob");
      const touched = await withViewer(alice, (tx) =>
        tx.update(sales).set({ ownerId: people.ids.alice }).where(eq(sales.id, bobs)).returning({ id: sales.id }),
      );
      expect(touched).toEqual([]);
      expect(await ownerOf(bobs)).toBe(people.ids.bob);
    });

    it("cannot delete, not even their own row (no sale:delete)", async () => {
      const own = await anyRowOf("alice");
      const response = await DELETE(apiRequest("DELETE", `/api/v1/sales/${own}`, people.tokens.alice), idParams(own));
      expect(response.status).toBe(403);
      await expect(deleteSale(people.viewer("alice"), own)).rejects.toMatchObject({ status: 403 });
    });
  });

  describe("a manager (carol, team east)", () => {
    it("moves a row between east members but not to erin in the west", async () => {
      const alices = await anyRowOf("alice");
      const toBob = await patch("carol", alices, { owner_id: people.ids.bob });
      expect(toBob.status).toBe(200);
      expect(await toBob.json()).toMatchObject({ owner_id: people.ids.bob, owner_username: "bob" });
      const back = await patch("carol", alices, { owner_id: people.ids.alice });
      expect(back.status).toBe(200);

      const toErin = await patch("carol", alices, { owner_id: people.ids.erin });
      expect(toErin.status).toBe(422);
      expect(await errorFields(toErin)).toEqual(["owner_id"]);
      expect(await ownerOf(alices)).toBe(people.ids.alice);
    });

    it("cannot touch a west row (404), and the database refuses the move west too", async () => {
      const erins = await anyRowOf("erin");
      expect((await patch("carol", erins, { status: "won" })).status).toBe(404);
      const alices = await anyRowOf("alice");
      await rejectsWithDatabaseError(
        withViewer(people.viewer("carol"), (tx) =>
          tx.update(sales).set({ ownerId: people.ids.erin }).where(eq(sales.id, alices)),
        ),
        /row-level security/,
      );
    });

    it("holds no sale:create: 403", async () => {
      expect((await post("carol", deal)).status).toBe(403);
      await expect(
        createSale(people.viewer("carol"), { ...deal, status: "open", amount: "1.00" }),
      ).rejects.toMatchObject({
        status: 403,
      });
    });
  });

  describe("read-only and unrelated viewers", () => {
    it("dave (analyst) reads every row but cannot create, edit or delete: 403", async () => {
      const row = await anyRowOf("erin");
      expect((await getOne(apiRequest("GET", `/api/v1/sales/${row}`, people.tokens.dave), idParams(row))).status).toBe(
        200,
      );
      expect((await patch("dave", row, { status: "lost" })).status).toBe(403);
      expect((await patch("dave", row, { amount: "not money" })).status).toBe(403);
      expect((await post("dave", deal)).status).toBe(403);
      const deleted = await DELETE(apiRequest("DELETE", `/api/v1/sales/${row}`, people.tokens.dave), idParams(row));
      expect(deleted.status).toBe(403);
      await expect(updateSale(people.viewer("dave"), row, { status: "lost" })).rejects.toMatchObject({ status: 403 });
    });

    it("vera gets 403 on the list and on a row", async () => {
      const row = await anyRowOf("alice");
      expect((await list(apiRequest("GET", "/api/v1/sales", people.tokens.vera), noParams)).status).toBe(403);
      expect((await getOne(apiRequest("GET", `/api/v1/sales/${row}`, people.tokens.vera), idParams(row))).status).toBe(
        403,
      );
    });
  });

  describe("an admin", () => {
    it("creates for anyone, moves across teams and deletes", async () => {
      const created = await post("admin", { ...deal, owner_id: people.ids.erin });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const moved = await patch("admin", id, { owner_id: people.ids.alice, amount: "10.5" });
      expect(await moved.json()).toMatchObject({ owner_id: people.ids.alice, amount: 10.5 });
      const deleted = await DELETE(apiRequest("DELETE", `/api/v1/sales/${id}`, people.tokens.admin), idParams(id));
      expect(deleted.status).toBe(204);
      expect(await ownerOf(id)).toBeUndefined();
    });

    it("cannot give a sale to a user that does not exist: 422", async () => {
      const response = await post("admin", { ...deal, owner_id: "00000000-0000-4000-8000-000000000000" });
      expect(response.status).toBe(422);
      expect(await errorFields(response)).toEqual(["owner_id"]);
    });
  });
});
