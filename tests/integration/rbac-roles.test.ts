// Roles, assignments, grants and effective permissions through the REST API: shapes, user_count,
// system role protection, row scopes, sources, and changes that apply on the very next request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_ROLE_PERMISSIONS } from "@/lib/rbac/catalog";
import type { EffectivePermissionsView, RoleView } from "@/lib/rbac/schemas";
import { DATABASE_KINDS } from "../support/databases";
import { type DemoUsername, fixture, type Fixture } from "../support/fixture";

describe.each(DATABASE_KINDS)("RBAC roles and permissions on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const permissionsOf = async (username: DemoUsername, explain = false, as: DemoUsername = "admin") => {
    const response = await f.call<EffectivePermissionsView>(
      "GET",
      `/api/v1/rbac/users/${f.ids[username]}/permissions${explain ? "?explain=true" : ""}`,
      { as },
    );
    expect(response.status).toBe(200);
    return response.body;
  };

  describe("listing and reading roles", () => {
    it("lists the four system roles first, equal to the catalog, with their holders counted", async () => {
      const response = await f.call<RoleView[]>("GET", "/api/v1/rbac/roles", { as: "vera" });
      expect(response.status).toBe(200);
      const system = response.body.filter((r) => r.is_system_role);
      expect(response.body.slice(0, 4)).toEqual(system);
      expect(system.map((r) => [r.name, r.user_count])).toEqual([
        ["admin", 1],
        ["analyst", 1],
        ["developer", 1],
        ["viewer", 9],
      ]);
      for (const role of system) {
        expect(role.permissions).toEqual(BASE_ROLE_PERMISSIONS[role.name as keyof typeof BASE_ROLE_PERMISSIONS]);
      }
      expect(response.body.slice(4).map((r) => [r.name, r.user_count])).toEqual([
        ["regional-lead", 1],
        ["sales-director", 1],
        ["sales-manager", 1],
        ["sales-rep", 4],
      ]);
    });

    it("include_system=true is the default; include_system=false leaves the system roles out", async () => {
      const all = await f.call<RoleView[]>("GET", "/api/v1/rbac/roles", { as: "dev" });
      const explicit = await f.call<RoleView[]>("GET", "/api/v1/rbac/roles?include_system=true", { as: "dev" });
      const custom = await f.call<RoleView[]>("GET", "/api/v1/rbac/roles?include_system=false", { as: "dev" });
      expect(explicit.body).toEqual(all.body);
      expect(custom.body.map((r) => r.name)).toEqual(["regional-lead", "sales-director", "sales-manager", "sales-rep"]);
    });

    it("reads one role, with the scope of a row-scoped entry", async () => {
      const response = await f.call<RoleView>("GET", "/api/v1/rbac/roles/sales-manager", { as: "alice" });
      expect(response.body).toMatchObject({
        name: "sales-manager",
        is_system_role: false,
        user_count: 1,
        permissions: [
          { resource: "sale", actions: ["read", "update", "list"], scope: "team" },
          { resource: "export", actions: ["read", "list"] },
          { resource: "report", actions: ["read", "list"], scope: "team" },
        ],
      });
      expect(response.body.permissions[1]).not.toHaveProperty("scope");
    });
  });

  describe("changing roles", () => {
    it("creates a role keeping the given order and scope, dropping repeated actions", async () => {
      const response = await f.call<RoleView>("POST", "/api/v1/rbac/roles", {
        as: "admin",
        json: {
          name: "area-lead",
          permissions: [
            { resource: "sale", actions: ["list", "read", "read"], scope: "team" },
            { resource: "report", actions: ["read"] },
          ],
        },
      });
      expect(response.status).toBe(201);
      expect(response.body.permissions).toEqual([
        { resource: "sale", actions: ["list", "read"], scope: "team" },
        { resource: "report", actions: ["read"] },
      ]);
    });

    it("updates only what is sent: description alone keeps permissions, null clears the description", async () => {
      const described = await f.call<RoleView>("PUT", "/api/v1/rbac/roles/area-lead", {
        as: "admin",
        json: { description: "Leads a region" },
      });
      expect(described.body.description).toBe("Leads a region");
      expect(described.body.permissions).toHaveLength(2);
      const replaced = await f.call<RoleView>("PUT", "/api/v1/rbac/roles/area-lead", {
        as: "root",
        json: { description: null, permissions: [{ resource: "sale", actions: ["read"], scope: "all" }] },
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({
        description: null,
        permissions: [{ resource: "sale", actions: ["read"], scope: "all" }],
      });
      expect((await f.call("GET", "/api/v1/rbac/roles/area-lead", { as: "vera" })).body).toEqual(replaced.body);
    });

    it("a role change applies to its holders on their very next request", async () => {
      await f.call("POST", "/api/v1/rbac/roles/assign", {
        as: "admin",
        json: { user_id: f.ids.erin, role_name: "area-lead" },
      });
      expect((await permissionsOf("erin")).scopes.sale).toMatchObject({ read: "all", list: "own" });
      await f.call("PUT", "/api/v1/rbac/roles/area-lead", {
        as: "admin",
        json: { permissions: [{ resource: "audit_log", actions: ["list"] }] },
      });
      expect((await permissionsOf("erin")).scopes.sale).toMatchObject({ read: "own" });
      expect((await f.call("GET", "/api/v1/rbac/audit", { as: "erin" })).status).toBe(200);
    });

    it("deleting a role removes its assignments; it is then 404", async () => {
      expect((await f.call("DELETE", "/api/v1/rbac/roles/area-lead", { as: "admin" })).status).toBe(204);
      expect((await permissionsOf("erin")).custom_roles).toEqual(["sales-rep"]);
      expect((await f.call("GET", "/api/v1/rbac/audit", { as: "erin" })).status).toBe(403);
      expect((await f.call("GET", "/api/v1/rbac/roles/area-lead", { as: "admin" })).status).toBe(404);
      expect((await f.call("DELETE", "/api/v1/rbac/roles/area-lead", { as: "admin" })).status).toBe(404);
    });

    it("system roles can be neither modified nor deleted, even by a superuser", async () => {
      for (const name of ["admin", "developer", "analyst", "viewer"]) {
        const put = await f.call("PUT", `/api/v1/rbac/roles/${name}`, { as: "root", json: { permissions: [] } });
        expect(put.status).toBe(400);
        expect(put.body.detail).toMatch(/System role/);
        expect((await f.call("DELETE", `/api/v1/rbac/roles/${name}`, { as: "root" })).status).toBe(400);
      }
      const viewer = await f.call<RoleView>("GET", "/api/v1/rbac/roles/viewer", { as: "vera" });
      expect(viewer.body.permissions).toEqual(BASE_ROLE_PERMISSIONS.viewer);
    });
  });

  describe("effective permissions", () => {
    it("gives row scopes per resource and action: own for reps, team for managers, all for admins", async () => {
      expect((await permissionsOf("alice")).scopes.sale).toEqual({
        create: "own",
        read: "own",
        update: "own",
        list: "own",
      });
      expect((await permissionsOf("carol")).scopes.sale).toEqual({ read: "team", update: "team", list: "team" });
      expect((await permissionsOf("admin")).scopes.sale).toEqual({
        create: "all",
        read: "all",
        update: "all",
        delete: "all",
        list: "all",
      });
      expect((await permissionsOf("victor")).scopes.sale).toEqual({ read: "reports", list: "reports" });
      expect((await permissionsOf("rita")).scopes.sale).toEqual({ read: "region", list: "region" });
      expect((await permissionsOf("vera")).scopes.sale).toBeUndefined();
      // Reports are row-scoped too: every viewer reads their own.
      expect((await permissionsOf("vera")).scopes).toEqual({ report: { read: "own", list: "own" } });
    });

    it("a superuser holds everything", async () => {
      const root = await permissionsOf("root");
      expect(root.is_superuser).toBe(true);
      expect(root.permissions.audit_log).toEqual(["create", "delete", "list", "read", "update"]);
      expect(Object.keys(root.permissions)).toHaveLength(9);
      expect(root.scopes.sale?.delete).toBe("all");
    });

    it("anyone may read their own permissions, nobody else's unless admin", async () => {
      expect((await permissionsOf("alice", false, "alice")).username).toBe("alice");
      const other = await f.call("GET", `/api/v1/rbac/users/${f.ids.bob}/permissions`, { as: "alice" });
      expect(other.status).toBe(403);
      expect((await permissionsOf("alice", false, "root")).username).toBe("alice");
    });

    it("explain=true names every source: base role, custom role with scope, grant with id and expiry, superuser", async () => {
      const grant = await f.call("POST", `/api/v1/rbac/users/${f.ids.carol}/grant`, {
        as: "admin",
        json: { resource: "sale", actions: ["read"], scope: "all", expires_at: "2099-06-30T00:00:00Z" },
      });
      expect(grant.body).toEqual({
        status: "granted",
        user_id: f.ids.carol,
        resource: "sale",
        actions: ["read"],
        scope: "all",
      });
      const carol = await permissionsOf("carol", true);
      expect(carol.scopes.sale).toEqual({ read: "all", update: "team", list: "team" });
      expect(carol.sources?.sale?.read).toEqual([
        { kind: "custom_role", role: "sales-manager", scope: "team" },
        { kind: "grant", grant_id: expect.any(String), expires_at: "2099-06-30T00:00:00.000Z", scope: "all" },
      ]);
      expect(carol.sources?.report?.read).toEqual([
        { kind: "base_role", role: "viewer", scope: "own" },
        { kind: "custom_role", role: "sales-manager", scope: "team" },
      ]);
      expect(Object.keys(carol.sources ?? {})).toEqual(Object.keys(carol.permissions));
      expect((await permissionsOf("carol")).sources).toBeUndefined();
      const root = await permissionsOf("root", true);
      expect(root.sources?.experiment?.read).toEqual([{ kind: "superuser" }, { kind: "base_role", role: "viewer" }]);
      expect(root.sources?.sale?.delete).toEqual([{ kind: "superuser" }]);
    });

    it("a grant applies on the next request, and so does its revocation", async () => {
      expect((await f.call("GET", "/api/v1/rbac/audit", { as: "vera" })).status).toBe(403);
      await f.call("POST", `/api/v1/rbac/users/${f.ids.vera}/grant`, {
        as: "admin",
        json: { user_id: f.ids.vera, resource: "audit_log", actions: ["list"], reason: "Quarter close" },
      });
      expect((await permissionsOf("vera")).permissions.audit_log).toEqual(["list"]);
      expect((await f.call("GET", "/api/v1/rbac/audit", { as: "vera" })).status).toBe(200);
      const revoked = await f.call("DELETE", `/api/v1/rbac/users/${f.ids.vera}/grant/audit_log`, { as: "admin" });
      expect(revoked.body).toEqual({ status: "revoked", count: 1 });
      expect((await f.call("GET", "/api/v1/rbac/audit", { as: "vera" })).status).toBe(403);
      expect((await permissionsOf("vera")).permissions.audit_log).toBeUndefined();
    });

    it("revoking grants on one resource leaves the user's other grants alone", async () => {
      for (const resource of ["export", "export", "report"]) {
        await f.call("POST", `/api/v1/rbac/users/${f.ids.dev}/grant`, {
          as: "admin",
          // Export grants may last at most 30 days (lib/rbac/catalog.ts).
          json: { resource, actions: ["create"], expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString() },
        });
      }
      const revoked = await f.call("DELETE", `/api/v1/rbac/users/${f.ids.dev}/grant/export`, { as: "root" });
      expect(revoked.body).toEqual({ status: "revoked", count: 2 });
      const dev = await permissionsOf("dev");
      expect(dev.permissions.export).toBeUndefined();
      expect(dev.permissions.report).toEqual(["create", "list", "read"]);
    });

    it("revoking a custom role applies at once", async () => {
      const revoked = await f.call("POST", "/api/v1/rbac/roles/revoke", {
        as: "admin",
        json: { user_id: f.ids.carol, role_name: "sales-manager", reason: "Moved to finance" },
      });
      expect(revoked.body).toEqual({ status: "revoked", user_id: f.ids.carol, role: "sales-manager" });
      const carol = await permissionsOf("carol");
      expect(carol.custom_roles).toEqual([]);
      expect(carol.permissions.export).toBeUndefined();
      expect(carol.scopes.sale).toEqual({ read: "all" });
    });
  });
});
