// Races a real deployment sees: the same click fifty times, two admins creating one role, two
// admins demoting each other.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { auditLog, customRoles, userCustomRoles } from "@/db/schema";
import { updateUser } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { type Fixture, fixture } from "../support/fixture";

describe.each(DATABASE_KINDS)("RBAC under concurrency on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const auditRows = (action: string, targetId: string) =>
    f.test.owner.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));

  it("50 parallel identical assignments all succeed and leave one assignment and one audit row", async () => {
    await f.call("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name: "race-assign", permissions: [{ resource: "report", actions: ["read"] }] },
    });
    const body = { user_id: f.ids.vera, role_name: "race-assign", reason: "same click, fifty times" };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => f.call("POST", "/api/v1/rbac/roles/assign", { as: "admin", json: body })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses[0]?.body).toEqual({ status: "assigned", user_id: f.ids.vera, role: "race-assign" });
    const [rows] = await queryRows<{ n: number }>(
      f.test.owner.db,
      sql`select count(*)::int as n from ${userCustomRoles} ucr join ${customRoles} r on r.id = ucr.role_id
          where ucr.user_id = ${f.ids.vera} and r.name = 'race-assign'`,
    );
    expect(rows?.n).toBe(1);
    expect(await auditRows("role.assign", f.ids.vera)).toHaveLength(1);
  });

  it("20 parallel identical revocations all succeed and write one audit row", async () => {
    const body = { user_id: f.ids.vera, role_name: "race-assign" };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => f.call("POST", "/api/v1/rbac/roles/revoke", { as: "root", json: body })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await auditRows("role.revoke", f.ids.vera)).toHaveLength(1);
  });

  it("two concurrent creations of one role give one 201 and one 409", async () => {
    const body = { name: "race-create", permissions: [{ resource: "experiment", actions: ["read"] }] };
    const responses = await Promise.all([
      f.call("POST", "/api/v1/rbac/roles", { as: "admin", json: body }),
      f.call("POST", "/api/v1/rbac/roles", { as: "root", json: body }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)?.body).toMatchObject({ detail: expect.stringMatching(/exists/) });
    const created = await f.test.owner.db.select().from(customRoles).where(eq(customRoles.name, "race-create"));
    expect(created).toHaveLength(1);
    expect(await auditRows("role.create", created[0]!.id)).toHaveLength(1);
  });

  it("ten concurrent creations of one role give exactly one 201", async () => {
    const body = { name: "race-create-10", permissions: [] };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => f.call("POST", "/api/v1/rbac/roles", { as: "admin", json: body })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  });

  it("200 interleaved assignments and revocations of one role: every audit row is a true transition", async () => {
    await f.call("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name: "race-toggle", permissions: [{ resource: "report", actions: ["read"] }] },
    });
    const body = { user_id: f.ids.vera, role_name: "race-toggle" };
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        f.call("POST", i % 2 === 0 ? "/api/v1/rbac/roles/assign" : "/api/v1/rbac/roles/revoke", {
          as: "admin",
          json: body,
        }),
      ),
    );
    expect(responses.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const rows = await f.test.owner.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, f.ids.vera), sql`${auditLog.action} in ('role.assign', 'role.revoke')`));
    const roles = (snapshot: unknown) => (snapshot as { custom_roles: string[] }).custom_roles;
    const toggles = rows.filter(
      (r) => roles(r.before).includes("race-toggle") || roles(r.after).includes("race-toggle"),
    );
    expect(toggles.length).toBeGreaterThan(0);
    for (const row of toggles) {
      const held = {
        before: roles(row.before).includes("race-toggle"),
        after: roles(row.after).includes("race-toggle"),
      };
      expect({ action: row.action, ...held }).toEqual(
        row.action === "role.assign"
          ? { action: "role.assign", before: false, after: true }
          : { action: "role.revoke", before: true, after: false },
      );
    }
    const assigns = toggles.filter((r) => r.action === "role.assign").length;
    const revokes = toggles.length - assigns;
    const [held] = await queryRows<{ n: number }>(
      f.test.owner.db,
      sql`select count(*)::int as n from ${userCustomRoles} ucr join ${customRoles} r on r.id = ucr.role_id
          where ucr.user_id = ${f.ids.vera} and r.name = 'race-toggle'`,
    );
    expect(assigns - revokes).toBe(held?.n);
  });

  it("two last admins demoting each other at once: one succeeds, the other is refused", async () => {
    const root = await f.viewer("root");
    await updateUser(root, f.ids.carol, { base_role: "admin" });
    // Root steps down, leaving admin and carol as the only administrators.
    await updateUser(root, f.ids.root, { is_superuser: false });
    const [admin, carol] = [await f.viewer("admin"), await f.viewer("carol")];
    const results = await Promise.allSettled([
      updateUser(admin, f.ids.carol, { base_role: "viewer" }),
      updateUser(carol, f.ids.admin, { base_role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ status: 409 });
    const [left] = await queryRows<{ n: number }>(
      f.test.owner.db,
      sql`select count(*)::int as n from users where is_active and (base_role = 'admin' or is_superuser)`,
    );
    expect(left?.n).toBe(1);
  });
});
