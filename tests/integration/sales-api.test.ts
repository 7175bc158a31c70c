import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { GET as getOne, PATCH, DELETE } from "@/app/api/v1/sales/[id]/route";
import { GET as list, POST } from "@/app/api/v1/sales/route";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, type DemoPeople, demoPeople, idParams, noParams, type DemoUsername } from "../support/fixture";

interface ListBody {
  items: { id: string; owner_id: string; owner_username: string; amount: number; closed_at: string; status: string }[];
  total: number;
  page: number;
  page_size: number;
}

describe.each(DATABASE_KINDS)("sales REST API on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  const listAs = async (username: DemoUsername, query = "") => {
    const response = await list(apiRequest("GET", `/api/v1/sales${query}`, people.tokens[username]), noParams);
    return { status: response.status, body: (await response.json()) as ListBody };
  };

  it("a rep lists only their own rows, newest first, 50 to a page", async () => {
    const { status, body } = await listAs("alice");
    expect(status).toBe(200);
    expect(body.page).toBe(1);
    expect(body.page_size).toBe(50);
    expect(body.items).toHaveLength(50);
    expect(body.total).toBe(300);
    expect(body.items.every((item) => item.owner_id === people.ids.alice && item.owner_username === "alice")).toBe(
      true,
    );
    const dates = body.items.map((item) => item.closed_at);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(typeof body.items[0]?.amount).toBe("number");
  });

  it("without a token the list is 401, and a viewer without sale:list gets 403", async () => {
    expect((await list(apiRequest("GET", "/api/v1/sales", null), noParams)).status).toBe(401);
    expect((await listAs("vera")).status).toBe(403);
    expect((await listAs("dev")).status).toBe(403);
  });

  it("a filter on an owner outside the scope narrows to nothing instead of widening", async () => {
    const { status, body } = await listAs("alice", `?owner_id=${people.ids.erin}`);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    expect(body.items).toEqual([]);
  });

  it("bad query parameters are 422 with the offending fields", async () => {
    for (const query of [
      "?page_size=0",
      "?page_size=201",
      "?sort=password_hash",
      "?status=maybe",
      "?from=2026-02-30",
      "?owner_id=x",
    ]) {
      const response = await list(apiRequest("GET", `/api/v1/sales${query}`, people.tokens.dave), noParams);
      expect(response.status, query).toBe(422);
      const body = (await response.json()) as { errors: { field: string }[] };
      expect(body.errors.length, query).toBeGreaterThan(0);
    }
  });

  it("a row outside the scope, a missing row and a non-UUID id are the same 404", async () => {
    const { body } = await listAs("erin", "?page_size=1");
    const erinsRow = body.items[0]?.id as string;
    const answers = await Promise.all(
      [erinsRow, "00000000-0000-4000-8000-000000000000", "not-a-uuid"].map(async (id) => {
        const response = await getOne(apiRequest("GET", `/api/v1/sales/${id}`, people.tokens.alice), idParams(id));
        return { status: response.status, body: await response.json() };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const own = await getOne(apiRequest("GET", `/api/v1/sales/${erinsRow}`, people.tokens.erin), idParams(erinsRow));
    expect(own.status).toBe(200);
  });

  it("a rep creates a sale they own (201), edits it and cannot delete it", async () => {
    const created = await POST(
      apiRequest("POST", "/api/v1/sales", people.tokens.bob, {
        customer: "Acme Corp",
        product: "CRM Pro",
        region: "EMEA",
        amount: "1234.5",
        status: "open",
        closed_at: "2026-03-04",
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const sale = (await created.json()) as { id: string; owner_id: string; amount: number; created_at: string };
    expect(sale.owner_id).toBe(people.ids.bob);
    expect(sale.amount).toBe(1234.5);
    const fetched = await getOne(apiRequest("GET", `/api/v1/sales/${sale.id}`, people.tokens.bob), idParams(sale.id));
    expect(await fetched.json()).toEqual(sale);

    const patched = await PATCH(
      apiRequest("PATCH", `/api/v1/sales/${sale.id}`, people.tokens.bob, { status: "won", amount: 99 }),
      idParams(sale.id),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ status: "won", amount: 99, customer: "Acme Corp" });

    const deleted = await DELETE(
      apiRequest("DELETE", `/api/v1/sales/${sale.id}`, people.tokens.bob),
      idParams(sale.id),
    );
    expect(deleted.status).toBe(403);
    const byAdmin = await DELETE(
      apiRequest("DELETE", `/api/v1/sales/${sale.id}`, people.tokens.admin),
      idParams(sale.id),
    );
    expect(byAdmin.status).toBe(204);
    const again = await DELETE(
      apiRequest("DELETE", `/api/v1/sales/${sale.id}`, people.tokens.admin),
      idParams(sale.id),
    );
    expect(again.status).toBe(404);
  });

  it("an invalid body is 422 with field errors, never a 500", async () => {
    const response = await POST(
      apiRequest("POST", "/api/v1/sales", people.tokens.alice, {
        customer: "",
        product: "x".repeat(101),
        region: "EMEA",
        amount: "-3",
        status: "pending",
        closed_at: "yesterday",
      }),
      noParams,
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(["amount", "closed_at", "customer", "product", "status"]);
  });

  it("a caller without the permission gets 403 whatever they send, before any field is read", async () => {
    const invalid = { customer: "", amount: "-3", status: "pending", closed_at: "yesterday" };
    expect((await listAs("vera", "?page_size=0&sort=password_hash")).status).toBe(403);
    const created = await POST(apiRequest("POST", "/api/v1/sales", people.tokens.dave, invalid), noParams);
    expect(created.status).toBe(403);
    const [row] = await queryRows<{ id: string }>(test.owner.db, sql`select id from sales limit 1`);
    const patched = await PATCH(
      apiRequest("PATCH", `/api/v1/sales/${row!.id}`, people.tokens.dave, invalid),
      idParams(row!.id),
    );
    expect(patched.status).toBe(403);
  });

  it("dates outside 1970-2099 are 422 on the closing date and on the filters, and nothing is saved", async () => {
    const before = await listAs("alice");
    for (const closed_at of ["9999-12-01", "1969-12-31", "2100-01-01"]) {
      const response = await POST(
        apiRequest("POST", "/api/v1/sales", people.tokens.alice, {
          customer: "Far Future",
          product: "CRM Pro",
          region: "EMEA",
          amount: 10,
          closed_at,
        }),
        noParams,
      );
      expect(response.status).toBe(422);
      expect(((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
        "closed_at",
      ]);
    }
    expect((await listAs("alice")).body.total).toBe(before.body.total);
    const filtered = await listAs("alice", "?from=9999-12-15");
    expect(filtered.status).toBe(422);
  });

  it("the sort allowlist orders by amount, owner and customer in both directions", async () => {
    const byAmount = (await listAs("dave", "?sort=amount&page_size=200")).body.items.map((i) => i.amount);
    expect(byAmount).toEqual([...byAmount].sort((a, b) => a - b));
    const byAmountDesc = (await listAs("dave", "?sort=-amount&page_size=200")).body.items.map((i) => i.amount);
    expect(byAmountDesc).toEqual([...byAmountDesc].sort((a, b) => b - a));
    const owners = (await listAs("carol", "?sort=owner&page_size=200&page=3")).body.items.map((i) => i.owner_username);
    expect(owners).toEqual([...owners].sort());
    const [max] = await queryRows<{ max: number }>(test.owner.db, sql`select max(amount)::float8 as max from sales`);
    expect(byAmountDesc[0]).toBe(max?.max);
  });
});
