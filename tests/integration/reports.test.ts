// Saved reports through the REST API: row-scoped like sales (404 outside the scope, 403 without
// the permission), audited, and always showing the rows of whoever opens them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as remove, GET as getOne, PUT as update } from "@/app/api/v1/reports/[id]/route";
import { GET as list, POST as create } from "@/app/api/v1/reports/route";
import { queryRows } from "@/db/client";
import { withViewer } from "@/db/scoped";
import { loadViewerById } from "@/lib/auth/principal";
import type { ReportJson } from "@/lib/reports/schemas";
import { listSales } from "@/lib/sales/queries";
import { listQueryFromSearchParams } from "@/lib/sales/schemas";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, demoPeople, type DemoPeople, idParams, noParams, type DemoUsername } from "../support/fixture";

describe.each(DATABASE_KINDS)("saved reports on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  const call = async (response: Response) => ({
    status: response.status,
    body: (response.status === 204 ? null : await response.json()) as ReportJson & {
      items: ReportJson[];
      total: number;
      errors?: { field: string; message: string }[];
    },
  });
  const post = async (who: DemoUsername, body: unknown) =>
    call(await create(apiRequest("POST", "/api/v1/reports", people.tokens[who], body), noParams));
  const get = async (who: DemoUsername, id: string) =>
    call(await getOne(apiRequest("GET", `/api/v1/reports/${id}`, people.tokens[who]), idParams(id)));
  const put = async (who: DemoUsername, id: string, body: unknown) =>
    call(await update(apiRequest("PUT", `/api/v1/reports/${id}`, people.tokens[who], body), idParams(id)));
  const del = async (who: DemoUsername, id: string) =>
    call(await remove(apiRequest("DELETE", `/api/v1/reports/${id}`, people.tokens[who]), idParams(id)));
  const listAs = async (who: DemoUsername) =>
    call(await list(apiRequest("GET", "/api/v1/reports", people.tokens[who]), noParams));
  const auditCount = async (id: string) => {
    const [row] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from audit_log where target_type = 'report' and target_id = ${id}`,
    );
    return row?.n ?? -1;
  };
  const reportCount = async () => {
    const [row] = await queryRows<{ n: number }>(test.owner.db, sql`select count(*)::int as n from reports`);
    return row?.n ?? -1;
  };
  const grant = async (username: DemoUsername, actions: string[], scope: string) => {
    await test.owner.db.execute(sql`insert into direct_permission_grants (user_id, resource, actions, scope, reason)
      values (${people.ids[username]}, 'report', ${JSON.stringify(actions)}::jsonb, ${scope}, 'reports test')`);
    const viewer = await loadViewerById(test.owner.db, people.ids[username]);
    if (viewer) people.viewers.set(username, viewer);
  };

  it("a rep saves, reads, changes and deletes their own report, each step audited once", async () => {
    const created = await post("alice", {
      name: "  Won in EMEA  ",
      sales: { region: "EMEA", status: "won", sort: "-amount", page: "3" },
      overview: { range: "this-year" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Won in EMEA",
      owner_id: people.ids.alice,
      owner_username: "alice",
      // Normalized as the list reads it; the page is not part of a view.
      sales: { region: "EMEA", status: "won", sort: "-amount" },
      overview: { range: "this-year" },
      can_update: true,
      can_delete: true,
    });
    const id = created.body.id;
    expect(await auditCount(id)).toBe(1);

    expect((await get("alice", id)).body.name).toBe("Won in EMEA");
    expect((await listAs("alice")).body.items.map((r) => r.id)).toContain(id);

    const changed = await put("alice", id, { name: "Won in EMEA, all time", overview: { range: "all" } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Won in EMEA, all time", sales: { region: "EMEA" } });
    expect(await auditCount(id)).toBe(2);
    const [audit] = await queryRows<{ before: { name: string }; after: { name: string } }>(
      test.owner.db,
      sql`select before, after from audit_log where target_id = ${id} and action = 'report.update'`,
    );
    expect([audit?.before.name, audit?.after.name]).toEqual(["Won in EMEA", "Won in EMEA, all time"]);

    expect((await del("alice", id)).status).toBe(204);
    expect((await get("alice", id)).status).toBe(404);
    expect(await auditCount(id)).toBe(3);
  });

  it("is row-scoped like sales: 404 outside the scope, 403 without the permission", async () => {
    const { body: report } = await post("alice", { name: "Alice's pipeline", sales: { status: "open" } });
    // Another rep: the report is outside their scope, as if it did not exist.
    expect((await get("bob", report.id)).status).toBe(404);
    expect((await put("bob", report.id, { name: "Mine now" })).status).toBe(404);
    expect((await del("bob", report.id)).status).toBe(404);
    expect((await listAs("bob")).body.items.map((r) => r.id)).not.toContain(report.id);
    // Her manager reads the team's reports but may not change them.
    const seen = await get("carol", report.id);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ can_update: false, can_delete: false });
    expect((await put("carol", report.id, { name: "Renamed" })).status).toBe(403);
    // The analyst reads every report; their writes reach only their own.
    expect((await get("dave", report.id)).status).toBe(200);
    expect((await put("dave", report.id, { name: "Renamed" })).status).toBe(404);
    // A viewer with no sales role reads only their own reports and saves none.
    expect((await get("vera", report.id)).status).toBe(404);
    expect((await post("vera", { name: "Mine" })).status).toBe(403);
    expect((await get("alice", report.id)).body.name).toBe("Alice's pipeline");
    // A malformed id is simply not found.
    expect((await get("alice", "not-a-uuid")).status).toBe(404);
  });

  it("bad input is a 422 naming the field and writes nothing", async () => {
    const before = await reportCount();
    const cases: [unknown, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(121) }, "name"],
      [{ name: "Nul\u0000byte" }, "name"],
      [{ name: "Bad sort", sales: { sort: "-password" } }, "sales.sort"],
      [{ name: "Bad dates", sales: { from: "2026-05-01", to: "2026-04-01" } }, "sales.to"],
      [{ name: "Bad range", overview: { range: "forever" } }, "overview.range"],
      [{ name: "Both", overview: { range: "all", from: "2026-01-01" } }, "overview.range"],
      [{ name: "Bad column", sales: { cols: "product,password" } }, "sales.cols"],
      [{ name: "Columns as a list", sales: { cols: ["product"] } }, "sales.cols"],
      [{ name: "Extra", owner_id: people.ids.bob }, ""],
    ];
    for (const [body, field] of cases) {
      const { status, body: answer } = await post("alice", body);
      expect(status, JSON.stringify(body)).toBe(422);
      expect(answer.errors?.map((e) => e.field).join(" "), JSON.stringify(body)).toContain(field);
    }
    expect(await reportCount()).toBe(before);
  });

  it("a report keeps the columns it was saved with, and opens the list with them", async () => {
    const created = await post("alice", {
      name: "Amounts by product",
      sales: { status: "won", cols: "amount, product,customer" },
    });
    expect(created.status).toBe(201);
    // Spelled as the list writes it: the table's order, the customer implied.
    expect(created.body.sales).toEqual({ status: "won", cols: "product,amount" });
    const opened = await get("alice", created.body.id);
    expect(opened.body.sales.cols).toBe("product,amount");
    const query = listQueryFromSearchParams(opened.body.sales);
    expect(query.columns).toEqual(["customer", "product", "amount"]);
    expect(query.filters.status).toBe("won");

    // Every column is the default, so nothing is stored for it; PUT replaces the sales part whole.
    const all = await put("alice", created.body.id, {
      sales: { status: "won", cols: "product,region,owner,status,closed_at,amount" },
    });
    expect(all.status).toBe(200);
    expect(all.body.sales).toEqual({ status: "won" });
    const onlyCustomer = await put("alice", created.body.id, { sales: { cols: "customer" } });
    expect(onlyCustomer.body.sales).toEqual({ cols: "customer" });
    expect(listQueryFromSearchParams(onlyCustomer.body.sales).columns).toEqual(["customer"]);
  });

  it("a report saved before columns could be chosen opens with every column", async () => {
    const [row] = await queryRows<{ id: string }>(
      test.owner.db,
      sql`insert into reports (owner_id, name, view)
        values (${people.ids.alice}, 'Saved long ago', ${JSON.stringify({ sales: { status: "open" }, overview: {} })}::jsonb)
        returning id`,
    );
    const opened = await get("alice", row?.id ?? "");
    expect(opened.status).toBe(200);
    expect(opened.body.sales).toEqual({ status: "open" });
    expect(listQueryFromSearchParams(opened.body.sales).columns).toBeUndefined();
  });

  it("a report made by carol and opened by alice shows alice's rows only", async () => {
    await grant("carol", ["create", "update"], "own");
    await grant("alice", ["read", "list"], "team");
    const { status, body: report } = await post("carol", { name: "Team east, open", sales: { status: "open" } });
    expect(status).toBe(201);
    const opened = await get("alice", report.id);
    expect(opened.status).toBe(200);
    const query = listQueryFromSearchParams(opened.body.sales);
    const owners = async (username: DemoUsername) => {
      const page = await listSales(people.viewer(username), { ...query, pageSize: 200 });
      return new Set(page.items.map((item) => item.ownerUsername));
    };
    expect([...(await owners("alice"))]).toEqual(["alice"]);
    expect([...(await owners("carol"))].sort()).toEqual(["alice", "bob", "carol"]);
  });

  it("without the app's WHERE, the database still shows each viewer only their reports", async () => {
    await post("bob", { name: "Bob's own" });
    const visible = await withViewer(people.viewer("bob"), (tx) =>
      queryRows<{ owner: string }>(
        tx,
        sql`select u.username as owner from reports r join users u on u.id = r.owner_id`,
      ),
    );
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible.map((r) => r.owner))).toEqual(new Set(["bob"]));
  });
});
