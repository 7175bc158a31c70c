import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { auditLog, sales, users } from "@/db/schema";
import { APP_ROLE, withViewer, type ScopeSubject } from "@/db/scoped";
import { seedDemo } from "@/db/seed";
import type { Scope } from "@/lib/rbac/catalog";
import { DATABASE_KINDS, emptyDatabase, rejectsWithDatabaseError, type TestDatabase } from "../support/databases";

function subject(id: string, team: string | null, scopes: Partial<Record<string, Scope>>): ScopeSubject {
  return {
    id,
    team,
    regions: [],
    scope: (resource, action) => {
      const held = resource === "sale" ? scopes[action] : undefined;
      return held ? [held] : null;
    },
  };
}

describe.each(DATABASE_KINDS)("database layer on %s", (kind) => {
  let test: TestDatabase;
  let ids: Map<string, string>;
  let teams: Map<string, string | null>;

  beforeAll(async () => {
    test = await emptyDatabase(kind);
    await migrateDatabase(test.handle);
    await seedDemo(test.handle.db);
    const rows = await test.handle.db.select({ id: users.id, username: users.username, team: users.team }).from(users);
    ids = new Map(rows.map((r) => [r.username, r.id]));
    teams = new Map(rows.map((r) => [r.username, r.team]));
    const { useDatabase } = await import("@/db/client");
    useDatabase(test.handle);
  });
  afterAll(() => test?.dispose());

  const as = (username: string, scopes: Partial<Record<string, Scope>>) =>
    subject(ids.get(username) as string, teams.get(username) ?? null, scopes);

  it("a second migration run is a no-op", async () => {
    const before = await queryRows<{ n: number }>(
      test.handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await migrateDatabase(test.handle);
    const after = await queryRows<{ n: number }>(
      test.handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(before[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it("the seed is idempotent and meets the demo's promises", async () => {
    const count = async () =>
      (
        await queryRows<{ users: number; sales: number; roles: number; assignments: number }>(
          test.handle.db,
          sql`select (select count(*)::int from users) as users, (select count(*)::int from sales) as sales,
                   (select count(*)::int from custom_roles) as roles, (select count(*)::int from user_custom_roles) as assignments`,
        )
      )[0];
    const first = await count();
    await seedDemo(test.handle.db);
    expect(await count()).toEqual(first);
    expect(first?.sales).toBeGreaterThanOrEqual(1000);
    const perRep = await queryRows<{ username: string; n: number; months: number }>(
      test.handle.db,
      sql`select u.username, count(*)::int as n, count(distinct date_trunc('month', s.closed_at))::int as months
          from sales s join users u on u.id = s.owner_id group by u.username`,
    );
    for (const rep of ["alice", "bob", "erin", "frank"]) {
      expect(perRep.find((r) => r.username === rep)?.n).toBeGreaterThanOrEqual(50);
    }
    expect(Math.max(...perRep.map((r) => r.months))).toBe(24);
  });

  it("inside withViewer for alice, a query with no WHERE returns exactly alice's rows", async () => {
    const alice = ids.get("alice") as string;
    const seen = await withViewer(as("alice", { read: "own", list: "own" }), (tx) =>
      queryRows<{ owner_id: string }>(tx, sql`select owner_id from sales`),
    );
    const expected = await test.handle.db.$count(sales, eq(sales.ownerId, alice));
    expect(seen.length).toBe(expected);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.owner_id === alice)).toBe(true);
  });

  it("inside withViewer for carol (team scope), only team east's rows appear", async () => {
    const east = new Set([...teams].filter(([, team]) => team === "east").map(([name]) => ids.get(name)));
    const seen = await withViewer(as("carol", { read: "team", list: "team" }), (tx) =>
      queryRows<{ owner_id: string }>(tx, sql`select owner_id from sales`),
    );
    const [expected] = await queryRows<{ n: number }>(
      test.handle.db,
      sql`select count(*)::int as n from sales s join users u on u.id = s.owner_id where u.team = 'east'`,
    );
    expect(seen.length).toBe(expected?.n);
    expect(seen.every((r) => east.has(r.owner_id))).toBe(true);
    const erin = ids.get("erin");
    expect(seen.some((r) => r.owner_id === erin)).toBe(false);
  });

  it("a transaction whose opening fails reports the opening's error and commits nothing", async () => {
    const note = `opening-${kind}-${Date.now()}`;
    const [alice] = await test.handle.db
      .select()
      .from(sales)
      .where(eq(sales.ownerId, ids.get("alice") as string))
      .limit(1);
    if (!alice) throw new Error("the seed gave alice no sale");
    await rejectsWithDatabaseError(
      test.handle.transaction(sql`select set_config('role', 'no_such_role_here', true)`, async (tx) => {
        await tx.update(sales).set({ customer: note }).where(eq(sales.id, alice.id));
        return "committed";
      }),
      /no_such_role_here/,
    );
    const [after] = await test.handle.db.select().from(sales).where(eq(sales.id, alice.id));
    expect(after?.customer).toBe(alice.customer);
  });

  it("a transaction's opening holds for every statement the callback sends, the first included", async () => {
    const rows = await test.handle.transaction(sql`select set_config('app.opening_probe', 'set', true)`, (tx) =>
      Promise.all([
        queryRows<{ v: string }>(tx, sql`select current_setting('app.opening_probe') as v`),
        queryRows<{ v: string }>(tx, sql`select current_setting('app.opening_probe') as v`),
      ]),
    );
    expect(rows.map((r) => r[0]?.v)).toEqual(["set", "set"]);
    const outside = await queryRows<{ v: string | null }>(
      test.handle.db,
      sql`select nullif(current_setting('app.opening_probe', true), '') as v`,
    );
    expect(outside[0]?.v ?? null).toBeNull();
  });

  it("with no scope set, the application role sees zero rows", async () => {
    const seen = await withViewer(as("vera", {}), (tx) => queryRows(tx, sql`select * from sales`));
    expect(seen).toHaveLength(0);
  });

  it("the application role is not the owner and cannot bypass row level security", async () => {
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      test.handle.db,
      sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const [table] = await queryRows<{ owner: string; rls: boolean; forced: boolean }>(
      test.handle.db,
      sql`select pg_get_userbyid(relowner) as owner, relrowsecurity as rls, relforcerowsecurity as forced
          from pg_class where relname = 'sales'`,
    );
    expect(table?.owner).not.toBe(APP_ROLE);
    expect(table).toMatchObject({ rls: true, forced: true });
    const [current] = await withViewer(as("alice", {}), (tx) =>
      queryRows<{ who: string }>(tx, sql`select current_user as who`),
    );
    expect(current?.who).toBe(APP_ROLE);
    await rejectsWithDatabaseError(
      withViewer(as("alice", {}), (tx) => tx.execute(sql`alter table sales disable row level security`)),
      /owner/,
    );
  });

  it("an insert of a row owned by someone else is refused by the policy", async () => {
    const rep = as("alice", { create: "own", read: "own" });
    await rejectsWithDatabaseError(
      withViewer(rep, (tx) =>
        tx.insert(sales).values({
          ownerId: ids.get("bob") as string,
          customer: "Forged",
          product: "CRM Pro",
          region: "EMEA",
          amount: "10.00",
          closedAt: "2026-01-01",
        }),
      ),
      /row-level security/,
    );
    const inserted = await withViewer(rep, (tx) =>
      tx
        .insert(sales)
        .values({
          ownerId: rep.id,
          customer: "Own deal",
          product: "CRM Pro",
          region: "EMEA",
          amount: "10.00",
          closedAt: "2026-01-01",
        })
        .returning({ id: sales.id }),
    );
    expect(inserted).toHaveLength(1);
    await test.handle.db.delete(sales).where(eq(sales.id, inserted[0]?.id as string));
  });

  it("an update cannot move a row out of the viewer's scope, nor touch rows outside it", async () => {
    const rep = as("alice", { read: "own", update: "own" });
    const [own] = await test.handle.db.select({ id: sales.id }).from(sales).where(eq(sales.ownerId, rep.id)).limit(1);
    await rejectsWithDatabaseError(
      withViewer(rep, (tx) =>
        tx
          .update(sales)
          .set({ ownerId: ids.get("bob") as string })
          .where(eq(sales.id, own?.id as string)),
      ),
      /row-level security/,
    );
    const touched = await withViewer(rep, (tx) =>
      tx
        .update(sales)
        .set({ customer: "Hijacked" })
        .where(eq(sales.ownerId, ids.get("bob") as string))
        .returning({ id: sales.id }),
    );
    expect(touched).toHaveLength(0);
  });

  it("the application role can insert and read audit rows but never update or delete them", async () => {
    const admin = as("admin", {});
    await withViewer(admin, (tx) =>
      tx.insert(auditLog).values({ actorId: admin.id, action: "test.write", targetType: "test" }),
    );
    const seen = await withViewer(admin, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "test.write")));
    expect(seen).toHaveLength(1);
    await rejectsWithDatabaseError(
      withViewer(admin, (tx) => tx.update(auditLog).set({ reason: "rewritten" })),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(admin, (tx) => tx.delete(auditLog)),
      /permission denied/,
    );
  });

  it("the application role cannot read password hashes", async () => {
    await rejectsWithDatabaseError(
      withViewer(as("admin", {}), (tx) => tx.execute(sql`select password_hash from users`)),
      /permission denied/,
    );
  });
});
