// Every RBAC change writes exactly one audit row (actor, action, target, reason, before, after);
// a no-op and a refused request write none. The audit list is newest first, paginated, filterable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntryView, AuditPage } from "@/lib/rbac/schemas";
import { revokeGrant, updateUser } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { type Caller, type CallOptions, type Fixture, fixture, type Method } from "../support/fixture";

describe.each(DATABASE_KINDS)("RBAC audit trail on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const audit = async (query = "") => {
    const response = await f.call<AuditPage>("GET", `/api/v1/rbac/audit${query}`, { as: "admin" });
    expect(response.status).toBe(200);
    return response.body;
  };

  /** Sends one request and returns the audit rows it wrote. */
  async function rowsWrittenBy(method: Method, path: string, options: CallOptions & { as: Caller }) {
    const before = await f.auditCount();
    const response = await f.call(method, path, options);
    const written = (await f.auditCount()) - before;
    const { items } = await audit(`?page_size=${Math.max(written, 1)}`);
    return { response, rows: written === 0 ? [] : items };
  }

  const actor = (username: "admin" | "root") => ({ actor_id: f.ids[username], actor_username: username });

  it("creating a role writes role.create with the new role as `after`", async () => {
    const { response, rows } = await rowsWrittenBy("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name: "audited", description: "first", permissions: [{ resource: "report", actions: ["read"] }] },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ...actor("admin"),
      action: "role.create",
      target_type: "role",
      target_id: response.body.id,
      target_label: "audited",
      before: null,
      after: { name: "audited", description: "first", permissions: [{ resource: "report", actions: ["read"] }] },
    });
  });

  it("updating a role writes role.update with before and after; an unchanged role writes nothing", async () => {
    const { rows } = await rowsWrittenBy("PUT", "/api/v1/rbac/roles/audited", {
      as: "root",
      json: { description: "second", reason: "clearer wording" },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ...actor("root"),
      action: "role.update",
      reason: "clearer wording",
      before: { description: "first" },
      after: { description: "second" },
    });
    const same = await rowsWrittenBy("PUT", "/api/v1/rbac/roles/audited", {
      as: "admin",
      json: { description: "second" },
    });
    expect(same.response.status).toBe(200);
    expect(same.rows).toHaveLength(0);
  });

  it("assigning writes role.assign once; assigning again writes nothing", async () => {
    const json = { user_id: f.ids.vera, role_name: "audited", reason: "Stakeholder" };
    const first = await rowsWrittenBy("POST", "/api/v1/rbac/roles/assign", { as: "admin", json });
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0]).toMatchObject({
      ...actor("admin"),
      action: "role.assign",
      target_type: "user",
      target_id: f.ids.vera,
      target_label: "vera",
      reason: "Stakeholder",
      before: { custom_roles: [] },
      after: { custom_roles: ["audited"] },
    });
    const again = await rowsWrittenBy("POST", "/api/v1/rbac/roles/assign", { as: "admin", json });
    expect(again.response.status).toBe(200);
    expect(again.rows).toHaveLength(0);
  });

  it("revoking writes role.revoke once; revoking a role not held writes nothing", async () => {
    const json = { user_id: f.ids.vera, role_name: "audited", reason: "Moved team" };
    const first = await rowsWrittenBy("POST", "/api/v1/rbac/roles/revoke", { as: "admin", json });
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0]).toMatchObject({
      action: "role.revoke",
      target_id: f.ids.vera,
      reason: "Moved team",
      before: { custom_roles: ["audited"] },
      after: { custom_roles: [] },
    });
    const again = await rowsWrittenBy("POST", "/api/v1/rbac/roles/revoke", { as: "admin", json });
    expect(again.response.body).toEqual({ status: "revoked", user_id: f.ids.vera, role: "audited" });
    expect(again.rows).toHaveLength(0);
  });

  it("deleting a role writes role.delete keeping who held it", async () => {
    await f.call("POST", "/api/v1/rbac/roles/assign", {
      as: "admin",
      json: { user_id: f.ids.dev, role_name: "audited" },
    });
    const { response, rows } = await rowsWrittenBy("DELETE", "/api/v1/rbac/roles/audited", { as: "admin" });
    expect(response.status).toBe(204);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "role.delete",
      target_label: "audited",
      before: { name: "audited", user_count: 1, assigned_users: ["dev"] },
      after: null,
    });
  });

  it("granting writes grant.create; revoking writes grant.revoke with every deleted grant; none left writes nothing", async () => {
    const granted = await rowsWrittenBy("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, {
      as: "admin",
      json: { resource: "report", actions: ["read", "list"], reason: "audit", expires_at: "2099-03-08T23:59:59Z" },
    });
    expect(granted.rows).toHaveLength(1);
    expect(granted.rows[0]).toMatchObject({
      ...actor("admin"),
      action: "grant.create",
      target_type: "user",
      target_id: f.ids.dave,
      reason: "audit",
      before: null,
      after: { resource: "report", actions: ["read", "list"], expires_at: "2099-03-08T23:59:59.000Z", is_active: true },
    });
    await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, {
      as: "admin",
      json: { resource: "report", actions: ["create"] },
    });
    const revoked = await rowsWrittenBy("DELETE", `/api/v1/rbac/users/${f.ids.dave}/grant/report`, { as: "root" });
    expect(revoked.response.body).toEqual({ status: "revoked", count: 2 });
    expect(revoked.rows).toHaveLength(1);
    expect(revoked.rows[0]).toMatchObject({ ...actor("root"), action: "grant.revoke", after: null });
    expect((revoked.rows[0]?.before as { grants: unknown[] }).grants).toHaveLength(2);
    const none = await rowsWrittenBy("DELETE", `/api/v1/rbac/users/${f.ids.dave}/grant/report`, { as: "root" });
    expect(none.response.body).toEqual({ status: "revoked", count: 0 });
    expect(none.rows).toHaveLength(0);
  });

  it("refused and invalid requests write nothing", async () => {
    const attempts: [Method, string, CallOptions & { as: Caller }][] = [
      ["POST", "/api/v1/rbac/roles", { as: "dev", json: { name: "nope", permissions: [] } }],
      ["POST", "/api/v1/rbac/roles", { as: "admin", json: { name: "Nope", permissions: [] } }],
      ["POST", "/api/v1/rbac/roles", { as: "admin", json: { name: "sales-rep", permissions: [] } }],
      ["PUT", "/api/v1/rbac/roles/admin", { as: "admin", json: { description: "x" } }],
      ["DELETE", "/api/v1/rbac/roles/missing", { as: "admin" }],
      ["POST", "/api/v1/rbac/roles/assign", { as: "admin", json: { user_id: f.ids.vera, role_name: "missing" } }],
      ["POST", `/api/v1/rbac/users/${f.ids.vera}/grant`, { as: "admin", json: { resource: "export", actions: [] } }],
    ];
    for (const [method, path, options] of attempts) {
      const { response, rows } = await rowsWrittenBy(method, path, options);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(rows).toHaveLength(0);
    }
  });

  it("a user change and a single grant revocation from the admin console are audited too", async () => {
    const root = await f.viewer("root");
    const before = await f.auditCount();
    await updateUser(root, f.ids.frank, { team: "east", reason: "Relocated" });
    const grant = await f.call("POST", `/api/v1/rbac/users/${f.ids.frank}/grant`, {
      as: "admin",
      json: { resource: "report", actions: ["create"] },
    });
    expect(grant.status).toBe(201);
    const { items } = await audit(`?target_id=${f.ids.frank}&action=grant.create`);
    const grantId = (items[0]?.after as { id: string }).id;
    await revokeGrant(root, grantId, { reason: "Done" });
    expect((await f.auditCount()) - before).toBe(3);
    const [revoked, , updated] = (await audit(`?target_id=${f.ids.frank}`)).items;
    expect(revoked).toMatchObject({ action: "grant.revoke", reason: "Done", before: { grants: [{ id: grantId }] } });
    expect(updated).toMatchObject({
      action: "user.update",
      reason: "Relocated",
      before: { team: "west" },
      after: { team: "east", sessions_ended: false },
    });
  });

  describe("the audit list", () => {
    it("is newest first, with total, page and a default page size of 50", async () => {
      const page = await audit();
      expect(page.page).toBe(1);
      expect(page.page_size).toBe(50);
      expect(page.total).toBe(await f.auditCount());
      const times = page.items.map((e) => Date.parse(e.created_at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it("pages through every row exactly once", async () => {
      const total = await f.auditCount();
      const seen: AuditEntryView[] = [];
      for (let page = 1; page <= Math.ceil(total / 3); page++) {
        const body = await audit(`?page=${page}&page_size=3`);
        expect(body).toMatchObject({ page, page_size: 3, total });
        seen.push(...body.items);
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((e) => e.id)).size).toBe(total);
      expect(seen).toEqual((await audit(`?page_size=200`)).items);
      expect((await audit(`?page=${Math.ceil(total / 3) + 1}&page_size=3`)).items).toEqual([]);
    });

    it("filters by actor, target, action and time", async () => {
      const byRoot = await audit(`?actor_id=${f.ids.root}`);
      expect(byRoot.total).toBeGreaterThan(0);
      expect(byRoot.items.every((e) => e.actor_id === f.ids.root)).toBe(true);

      const aboutVera = await audit(`?target_id=${f.ids.vera}`);
      expect(aboutVera.items.map((e) => e.action).sort()).toEqual(["role.assign", "role.revoke"]);

      const creations = await audit("?action=role.create");
      expect(creations.items.map((e) => e.target_label)).toEqual(["audited"]);

      const all = (await audit("?page_size=200")).items;
      const middle = all[Math.floor(all.length / 2)]!;
      const since = await audit(`?from=${encodeURIComponent(middle.created_at)}&page_size=200`);
      const until = await audit(`?to=${encodeURIComponent(middle.created_at)}&page_size=200`);
      expect(since.items.every((e) => e.created_at >= middle.created_at)).toBe(true);
      expect(until.items.every((e) => e.created_at < middle.created_at)).toBe(true);
      expect(since.total + until.total).toBe(all.length);

      const combined = await audit(`?actor_id=${f.ids.admin}&action=role.assign&target_id=${f.ids.vera}`);
      expect(combined.total).toBe(1);
      expect((await audit("?action=no.such.action")).total).toBe(0);
    });

    it("is closed to anyone without audit_log:list", async () => {
      for (const caller of ["vera", "dave", "dev", "alice", "carol"] as const) {
        expect((await f.call("GET", "/api/v1/rbac/audit", { as: caller })).status).toBe(403);
      }
    });

    it("opens to a custom role granting audit_log:list", async () => {
      await f.call("POST", "/api/v1/rbac/roles", {
        as: "admin",
        json: { name: "auditor", permissions: [{ resource: "audit_log", actions: ["list"] }] },
      });
      await f.call("POST", "/api/v1/rbac/roles/assign", {
        as: "admin",
        json: { user_id: f.ids.dave, role_name: "auditor" },
      });
      expect((await f.call("GET", "/api/v1/rbac/audit", { as: "dave" })).status).toBe(200);
    });
  });
});
