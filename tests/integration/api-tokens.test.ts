import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as createRole } from "@/app/api/v1/rbac/roles/route";
import { GET as getOne } from "@/app/api/v1/sales/[id]/route";
import { GET as list, POST as create } from "@/app/api/v1/sales/route";
import { queryRows } from "@/db/client";
import { apiTokens, auditLog, customRoles, userCustomRoles } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import type { Viewer } from "@/lib/auth/principal";
import {
  commandLineActor,
  createOwnToken,
  createTokenFromCommandLine,
  listOwnTokens,
  revokeOwnToken,
} from "@/lib/auth/account";
import { loadViewerByTokenHash } from "@/lib/auth/principal";
import { checkTokenRequest, hashToken } from "@/lib/auth/tokens";
import { Invalid } from "@/lib/errors";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, demoPeople, type DemoPeople, idParams, noParams, type DemoUsername } from "../support/fixture";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
const { createTokenAction } = await import("@/app/(app)/account/tokens/actions");

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

const deal = {
  customer: "Token Test",
  product: "CRM Pro",
  region: "EMEA",
  amount: "10",
  status: "open",
  closed_at: "2026-03-04",
};

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) data.append(key, one);
  }
  return data;
}

interface ListBody {
  items: { id: string; owner_id: string }[];
  total: number;
}

describe.each(DATABASE_KINDS)("least-privilege API tokens on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());
  beforeEach(() => {
    session.viewer = null;
  });

  const mint = async (username: DemoUsername, permissions: string[] | null, scopes = {}) =>
    (await createOwnToken(people.viewer(username), { name: "limited", expiresAt: inDays(7), permissions, scopes }))
      .token;

  const listWith = async (token: string, query = "?page_size=200") => {
    const response = await list(apiRequest("GET", `/api/v1/sales${query}`, token), noParams);
    return { status: response.status, body: (await response.json()) as ListBody };
  };

  it("a sale:list token lists but cannot create (403)", async () => {
    const token = await mint("alice", ["sale:list"]);
    const listed = await listWith(token);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBeGreaterThan(0);
    const created = await create(apiRequest("POST", "/api/v1/sales", token, deal), noParams);
    expect(created.status).toBe(403);
    const [count] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from sales where customer = ${deal.customer}`,
    );
    expect(count?.n).toBe(0);
    // The same owner's unlimited token may create.
    expect((await create(apiRequest("POST", "/api/v1/sales", people.tokens.alice, deal), noParams)).status).toBe(201);
  });

  it("a sale:list token cannot read one sale either: read was not given", async () => {
    const token = await mint("alice", ["sale:list"]);
    const { body } = await listWith(token, "?page_size=1");
    const id = body.items[0]?.id as string;
    expect((await getOne(apiRequest("GET", `/api/v1/sales/${id}`, token), idParams(id))).status).toBe(403);
  });

  it("after the owner loses sale:list, the token lists nothing (403)", async () => {
    const token = await mint("bob", ["sale:list", "sale:read"]);
    expect((await listWith(token)).status).toBe(200);
    const [rep] = await test.owner.db
      .select({ id: customRoles.id })
      .from(customRoles)
      .where(eq(customRoles.name, "sales-rep"));
    await test.owner.db
      .delete(userCustomRoles)
      .where(and(eq(userCustomRoles.userId, people.ids.bob), eq(userCustomRoles.roleId, rep!.id)));
    const after = await listWith(token);
    expect(after.status).toBe(403);
    expect(after.body.items).toBeUndefined();
    const body = await (await me(apiRequest("GET", "/api/v1/me", token), noParams)).json();
    expect(body.permissions.sale).toBeUndefined();
    await test.owner.db.insert(userCustomRoles).values({ userId: people.ids.bob, roleId: rep!.id });
  });

  it("a token asking for more than its owner has is refused at creation (422), and nothing is stored", async () => {
    const before = await test.owner.db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.userId, people.ids.dave));
    const refused = await createOwnToken(people.viewer("dave"), {
      name: "too much",
      expiresAt: inDays(7),
      permissions: ["sale:list", "sale:delete"],
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).status).toBe(422);
    expect((refused as Invalid).message).toMatch(/does not hold sale:delete/);
    const wider = await createOwnToken(people.viewer("alice"), {
      name: "wider",
      expiresAt: inDays(7),
      permissions: ["sale:list"],
      scopes: { sale: "all" },
    }).catch((e: unknown) => e);
    expect((wider as Invalid).message).toMatch(/sale scope all/);
    const after = await test.owner.db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.userId, people.ids.dave));
    expect(after).toHaveLength(before.length);
  });

  it("the tokens form refuses more than the owner has with a message on the permissions", async () => {
    session.viewer = people.viewer("alice");
    const state = await createTokenAction(
      { status: "idle" },
      form({ name: "form", expiresIn: "7", access: "some", permissions: ["sale:list", "role:create"] }),
    );
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { permissions: expect.stringMatching(/role:create/) },
    });
    const ok = await createTokenAction(
      { status: "idle" },
      form({
        name: "form",
        expiresIn: "7",
        access: "some",
        permissions: ["sale:list", "sale:read"],
        scope_sale: "own",
      }),
    );
    expect(ok).toMatchObject({ status: "success", secret: expect.stringMatching(/^ll_/) });
    const listed = await listOwnTokens(people.viewer("alice"));
    expect(listed.find((t) => t.name === "form")).toMatchObject({
      permissions: ["sale:list", "sale:read"],
      scopes: { sale: "own" },
    });
  });

  it("the command line applies the same refusal and audits what it mints", async () => {
    const actor = commandLineActor("operator");
    await expect(
      createTokenFromCommandLine(
        test.owner.db,
        people.viewer("vera"),
        { name: "cli", expiresAt: inDays(1), permissions: ["sale:list"] },
        actor,
      ),
    ).rejects.toBeInstanceOf(Invalid);
    const created = await createTokenFromCommandLine(
      test.owner.db,
      people.viewer("carol"),
      { name: "cli", expiresAt: inDays(1), permissions: ["sale:list"] },
      actor,
    );
    const [row] = await test.owner.db.select().from(auditLog).where(eq(auditLog.targetId, created.id));
    expect(row).toMatchObject({ action: "token.create", actorId: null, actorUsername: "cli:operator" });
    expect(JSON.stringify(row?.after)).not.toContain(created.token);
  });

  it("an own ceiling on an analyst's token shows only their own rows; others' are absent", async () => {
    const dave = people.ids.dave;
    await test.owner.db.execute(
      sql`insert into sales (owner_id, customer, product, region, amount, status, closed_at)
          values (${dave}, 'Dave Deal', 'CRM Pro', 'EMEA', 5, 'won', '2026-01-05')`,
    );
    const unlimited = await listWith(people.tokens.dave);
    expect(unlimited.body.items.some((item) => item.owner_id !== dave)).toBe(true);

    const token = await mint("dave", ["sale:list", "sale:read"], { sale: "own" });
    const { status, body } = await listWith(token);
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items.map((item) => item.owner_id)).toEqual([dave]);
    const erinsRow = unlimited.body.items.find((item) => item.owner_id === people.ids.erin)!;
    expect((await getOne(apiRequest("GET", `/api/v1/sales/${erinsRow.id}`, token), idParams(erinsRow.id))).status).toBe(
      404,
    );

    // The database gets the narrowed scope too: a query without a WHERE sees only own rows.
    const viewer = await loadViewerByTokenHash(test.owner.db, hashToken(token));
    const rows = await withViewer(viewer!, (tx) =>
      queryRows<{ owner_id: string }>(tx, sql`select distinct owner_id from sales`),
    );
    expect(rows.map((r) => r.owner_id)).toEqual([dave]);
  });

  it("/api/v1/me says what the token may do after the intersection", async () => {
    const token = await mint("carol", ["sale:list", "sale:read", "export:read"], { sale: "own" });
    const body = await (await me(apiRequest("GET", "/api/v1/me", token), noParams)).json();
    expect(body.permissions).toEqual({ export: ["read"], sale: ["list", "read"] });
    expect(body.scopes).toEqual({ sale: { list: "own", read: "own" } });
    expect(body.token).toMatchObject({
      name: "limited",
      limited_to: ["export:read", "sale:list", "sale:read"],
      scope_ceilings: { sale: "own" },
    });
  });

  it("a limited admin token carries no admin standing; an unlimited one does", async () => {
    const role = { name: "token-made", permissions: [{ resource: "report", actions: ["read"] }] };
    const limited = await mint("admin", ["role:create", "role:read", "sale:list"]);
    expect((await createRole(apiRequest("POST", "/api/v1/rbac/roles", limited, role), noParams)).status).toBe(403);
    expect(
      (await createRole(apiRequest("POST", "/api/v1/rbac/roles", people.tokens.admin, role), noParams)).status,
    ).toBe(201);
    const body = await (await me(apiRequest("GET", "/api/v1/me", limited), noParams)).json();
    expect(body.permissions).toEqual({ role: ["create", "read"], sale: ["list"] });
  });

  it("API_TOKEN_MAX_DAYS bounds a new token's life; 0 allows one that never expires", () => {
    const owner = people.viewer("alice").permissions;
    const now = new Date();
    expect(() => checkTokenRequest(owner, { name: "x", expiresAt: null }, now, 90)).toThrow(/within 90 days/);
    expect(() => checkTokenRequest(owner, { name: "x", expiresAt: inDays(91) }, now, 90)).toThrow(/within 90 days/);
    expect(() => checkTokenRequest(owner, { name: "x", expiresAt: inDays(90) }, now, 90)).not.toThrow();
    expect(() => checkTokenRequest(owner, { name: "x", expiresAt: null }, now, 0)).not.toThrow();
  });

  it("creating and revoking a token are audited with the change", async () => {
    const viewer = people.viewer("erin");
    const created = await createOwnToken(viewer, { name: "audited", expiresAt: inDays(3), permissions: ["sale:list"] });
    await revokeOwnToken(viewer, created.id);
    const rows = await test.owner.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.targetId, created.id))
      .orderBy(auditLog.createdAt);
    expect(rows).toEqual([
      { action: "token.create", actorId: viewer.id },
      { action: "token.revoke", actorId: viewer.id },
    ]);
    expect((await listWith(created.token)).status).toBe(401);
    await expect(revokeOwnToken(viewer, created.id)).rejects.toThrow(/No such active token/);
  });
});
