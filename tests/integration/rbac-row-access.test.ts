// "Why can — or can't — this user act on this row": the decision layer by layer, checked against
// what the database returns for that user, and against the app's own route for the same sale.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as explain } from "@/app/api/v1/rbac/users/[user_id]/access/route";
import { GET as getSale } from "@/app/api/v1/sales/[id]/route";
import { queryRows } from "@/db/client";
import type { RowAccessView } from "@/lib/rbac/schemas";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import {
  apiRequest,
  DEMO_USERNAMES,
  type DemoPeople,
  demoPeople,
  idParams,
  type DemoUsername,
} from "../support/fixture";

describe.each(DATABASE_KINDS)("why a user may or may not act on one sale, on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let saleOf: (username: DemoUsername) => Promise<string>;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    saleOf = async (username) => {
      const [row] = await queryRows<{ id: string }>(
        test.owner.db,
        sql`select id from sales where owner_id = ${people.ids[username]} order by id limit 1`,
      );
      if (!row) throw new Error(`${username} owns no sales`);
      return row.id;
    };
  });
  afterAll(() => test?.dispose());

  const ask = async (caller: DemoUsername, username: DemoUsername, query: Record<string, string>) => {
    const userId = people.ids[username];
    const response = await explain(
      apiRequest("GET", `/api/v1/rbac/users/${userId}/access?${new URLSearchParams(query)}`, people.tokens[caller]),
      { params: Promise.resolve({ user_id: userId }) },
    );
    return { status: response.status, body: (await response.json()) as RowAccessView & { error?: string } };
  };
  const why = async (username: DemoUsername, action: string, id: string) => {
    const { status, body } = await ask("admin", username, { resource: "sale", action, id });
    expect(status).toBe(200);
    return body;
  };

  it("says a rep may not read another rep's sale, and the database agrees", async () => {
    const answer = await why("alice", "read", await saleOf("bob"));
    expect(answer).toMatchObject({
      username: "alice",
      allowed: false,
      scope: "own",
      row_in_scope: false,
      row: { owner_username: "bob", owner_team: "east" },
      database: { visible: false },
      agree: true,
    });
    expect(answer.reason).toBe("alice may read only their own sales, and this is bob's sale (team east).");
    expect(answer.layers).toContainEqual({ kind: "custom_role", role: "sales-rep", grants: true, scope: "own" });
    expect(answer.layers.find((l) => l.kind === "base_role")).toMatchObject({ role: "viewer", grants: false });
  });

  it("says a manager may update a team member's sale but not another team's, and the database agrees", async () => {
    const east = await why("carol", "update", await saleOf("alice"));
    expect(east).toMatchObject({ allowed: true, scope: "team", database: { visible: true }, agree: true });
    const west = await why("carol", "update", await saleOf("erin"));
    expect(west).toMatchObject({ allowed: false, scope: "team", database: { visible: false }, agree: true });
  });

  it("says an analyst reads every sale but may not delete one", async () => {
    const id = await saleOf("erin");
    expect(await why("dave", "read", id)).toMatchObject({ allowed: true, scope: "all", database: { visible: true } });
    const remove = await why("dave", "delete", id);
    expect(remove).toMatchObject({ allowed: false, scope: null, database: { visible: false }, agree: true });
    expect(remove.reason).toBe("dave holds no permission to delete sales.");
  });

  it("names an expired and a revoked grant as layers that no longer grant", async () => {
    const vera = people.ids.vera;
    await test.owner.db.execute(sql`
      insert into direct_permission_grants (user_id, resource, actions, scope, reason, expires_at, is_active) values
        (${vera}, 'sale', '["read"]'::jsonb, 'all', 'expired', now() - interval '1 hour', true),
        (${vera}, 'sale', '["read"]'::jsonb, 'all', 'revoked', null, false)`);
    const answer = await why("vera", "read", await saleOf("alice"));
    expect(answer).toMatchObject({ allowed: false, scope: null, database: { visible: false }, agree: true });
    const grants = answer.layers.filter((l) => l.kind === "grant");
    expect(grants.map((g) => [g.status, g.grants])).toEqual(
      expect.arrayContaining([
        ["expired", false],
        ["revoked", false],
      ]),
    );
  });

  it("agrees with the database and with the app's own route for every demo user on a sample of rows", async () => {
    const ids = await queryRows<{ id: string }>(
      test.owner.db,
      sql`select id from sales order by md5(id::text) limit 8`,
    );
    let allowedSeen = 0;
    let refusedSeen = 0;
    for (const username of DEMO_USERNAMES) {
      for (const { id } of ids) {
        const read = await why(username, "read", id);
        expect(read.agree, `${username} read ${id}`).toBe(true);
        // The route a user calls: 200 exactly when the explanation says allowed.
        const route = await getSale(apiRequest("GET", `/api/v1/sales/${id}`, people.tokens[username]), idParams(id));
        expect(route.status === 200, `${username} GET ${id}: ${route.status}`).toBe(read.allowed);
        if (read.allowed) allowedSeen++;
        else refusedSeen++;
        for (const action of ["list", "update", "delete"]) {
          expect((await why(username, action, id)).agree, `${username} ${action} ${id}`).toBe(true);
        }
      }
    }
    // The sample covers both answers, so the agreement is not all one way.
    expect(allowedSeen).toBeGreaterThan(0);
    expect(refusedSeen).toBeGreaterThan(0);
  }, 180_000);

  it("reports a disagreement when the database's rule differs from the app's", async () => {
    const id = await saleOf("bob");
    await test.owner.db.execute(sql`alter table sales disable row level security`);
    try {
      const answer = await why("alice", "read", id);
      expect(answer).toMatchObject({ allowed: false, database: { visible: true }, agree: false });
    } finally {
      await test.owner.db.execute(sql`alter table sales enable row level security`);
    }
    expect(await why("alice", "read", id)).toMatchObject({ database: { visible: false }, agree: true });
  });

  it("answers for a saved report too, by its owner and the reporting line, and the database agrees", async () => {
    const [report] = await queryRows<{ id: string }>(
      test.owner.db,
      sql`insert into reports (owner_id, name, view) values (${people.ids.bob}, 'Bob''s pipeline', '{}'::jsonb)
        returning id`,
    );
    const whyReport = async (username: DemoUsername, action: string) => {
      const answer = await ask("admin", username, { resource: "report", action, id: report!.id });
      expect(answer.status, `${username} ${action}`).toBe(200);
      return answer.body;
    };
    try {
      const bob = await whyReport("bob", "update");
      expect(bob).toMatchObject({ resource: "report", allowed: true, scope: "own", agree: true });
      expect(bob.reason).toBe("bob may update their own reports, and this is bob's report (team east).");
      const alice = await whyReport("alice", "read");
      expect(alice).toMatchObject({ allowed: false, database: { visible: false }, agree: true });
      expect(alice.reason).toBe("alice may read only their own reports, and this is bob's report (team east).");
      // carol reads her team's reports (bob is in it); erin, in another team, does not.
      expect(await whyReport("carol", "read")).toMatchObject({ allowed: true, scope: "team", agree: true });
      expect(await whyReport("erin", "read")).toMatchObject({ allowed: false, agree: true });
      for (const username of DEMO_USERNAMES) {
        for (const action of ["read", "list", "update", "delete"]) {
          expect((await whyReport(username, action)).agree, `${username} ${action}`).toBe(true);
        }
      }
      const missing = await ask("admin", "alice", {
        resource: "report",
        action: "read",
        id: "00000000-0000-4000-8000-000000000000",
      });
      expect(missing).toMatchObject({ status: 404, body: { detail: "Report not found" } });
    } finally {
      await test.owner.db.execute(sql`delete from reports where id = ${report!.id}`);
    }
  });

  it("is for admins only, and refuses what it cannot answer", async () => {
    const id = await saleOf("alice");
    expect((await ask("carol", "alice", { resource: "sale", action: "read", id })).status).toBe(403);
    expect((await ask("alice", "alice", { resource: "sale", action: "read", id })).status).toBe(403);
    const unknown = await ask("admin", "alice", {
      resource: "sale",
      action: "read",
      id: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown).toMatchObject({ status: 404 });
    expect((await ask("admin", "alice", { resource: "sale", action: "create", id })).status).toBe(422);
    expect((await ask("admin", "alice", { resource: "user", action: "read", id })).status).toBe(422);
    expect((await ask("admin", "alice", { resource: "sale", action: "read", id: "not-a-uuid" })).status).toBe(422);
    expect((await ask("admin", "alice", { resource: "sale", action: "read", id: `${id}\u0000` })).status).toBe(422);
  });
});
