// The reference's own examples (seeds/003), run as written against the route handlers, with the
// documented answers. "the-user-uuid" is vera, "analyst-uuid" is dave.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { EffectivePermissionsView, RoleView } from "@/lib/rbac/schemas";
import { DATABASE_KINDS } from "../support/databases";
import { fixture, type Fixture } from "../support/fixture";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const TEMPORARY_EXPORT = {
  resource: "export",
  actions: ["read", "list"],
  reason: "Q1 compliance audit access",
  expires_at: "2026-03-08T23:59:59Z",
};

describe.each(DATABASE_KINDS)("the reference's how-to examples on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("Create Custom Role (the curl example): 201 with the documented shape", async () => {
    const response = await f.call<RoleView>("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name: "read-only-experiments", permissions: [{ resource: "experiment", actions: ["read", "list"] }] },
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      name: "read-only-experiments",
      description: null,
      is_system_role: false,
      permissions: [{ resource: "experiment", actions: ["read", "list"] }],
      created_at: expect.stringMatching(ISO_INSTANT),
      user_count: 0,
    });
    // The how-to below creates the same name again; start it from a clean slate.
    expect((await f.call("DELETE", "/api/v1/rbac/roles/read-only-experiments", { as: "admin" })).status).toBe(204);
  });

  it('Create a "Read-Only Experiments" Custom Role: create, assign, verify', async () => {
    const permissions = [
      { resource: "experiment", actions: ["read", "list"] },
      { resource: "report", actions: ["read", "list"] },
      { resource: "feature_flag", actions: ["read", "list"] },
    ];
    const created = await f.call<RoleView>("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: {
        name: "read-only-experiments",
        description: "View-only access to experiments and reports",
        permissions,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "read-only-experiments",
      description: "View-only access to experiments and reports",
      is_system_role: false,
      permissions,
      user_count: 0,
    });

    const assigned = await f.call("POST", "/api/v1/rbac/roles/assign", {
      as: "admin",
      json: {
        user_id: f.ids.vera,
        role_name: "read-only-experiments",
        reason: "Stakeholder who needs to monitor experiments",
      },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toEqual({ status: "assigned", user_id: f.ids.vera, role: "read-only-experiments" });

    const verified = await f.call("GET", `/api/v1/rbac/users/${f.ids.vera}/permissions`, { as: "admin" });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      user_id: f.ids.vera,
      username: "vera",
      base_role: "viewer",
      custom_roles: ["read-only-experiments"],
      permissions: {
        experiment: ["list", "read"],
        feature_flag: ["list", "read"],
        report: ["list", "read"],
      },
      scopes: { report: { read: "own", list: "own" } },
      is_superuser: false,
    });
    const role = await f.call<RoleView>("GET", "/api/v1/rbac/roles/read-only-experiments", { as: "vera" });
    expect(role.body.user_count).toBe(1);
  });

  it("Grant a Temporary Export Permission, as written today: the expiry has passed, so 422", async () => {
    const response = await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, {
      as: "admin",
      json: { user_id: f.ids.dave, ...TEMPORARY_EXPORT },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: "expires_at", message: "Choose an expiry in the future" }]);
  });

  it("Grant a Temporary Export Permission on the reference's own day; after expires_at it grants nothing; revoke early", async () => {
    // The reference was written on 2026-03-01; pin the application clock there for the request.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
    const granted = await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, {
      as: "admin",
      json: { user_id: f.ids.dave, ...TEMPORARY_EXPORT },
    });
    vi.useRealTimers();
    expect(granted.status).toBe(201);
    expect(granted.body).toEqual({
      status: "granted",
      user_id: f.ids.dave,
      resource: "export",
      actions: ["read", "list"],
    });

    // The database clock is past 2026-03-08: the grant is excluded without any cleanup.
    const explained = await f.call<EffectivePermissionsView>(
      "GET",
      `/api/v1/rbac/users/${f.ids.dave}/permissions?explain=true`,
      { as: "admin" },
    );
    expect(explained.body.permissions.export).toBeUndefined();

    const revoked = await f.call("DELETE", `/api/v1/rbac/users/${f.ids.dave}/grant/export`, { as: "admin" });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ status: "revoked", count: 1 });
  });

  it("Check What a User Can Do: the reference's analyst with data-scientist and export-reader", async () => {
    for (const role of [
      {
        name: "data-scientist",
        description: "Read access to experiments plus export",
        permissions: [
          { resource: "experiment", actions: ["read", "list"] },
          { resource: "export", actions: ["read"] },
        ],
      },
      { name: "export-reader", permissions: [{ resource: "export", actions: ["list", "read"] }] },
    ]) {
      expect((await f.call("POST", "/api/v1/rbac/roles", { as: "admin", json: role })).status).toBe(201);
      await f.call("POST", "/api/v1/rbac/roles/assign", {
        as: "admin",
        json: { user_id: f.ids.dave, role_name: role.name },
      });
    }
    const response = await f.call("GET", `/api/v1/rbac/users/${f.ids.dave}/permissions`, { as: "admin" });
    expect(response.status).toBe(200);
    // The reference's answer, plus this product's row-scoped `sale` (analysts read every sale).
    expect(response.body).toEqual({
      user_id: f.ids.dave,
      username: "dave",
      base_role: "analyst",
      custom_roles: ["data-scientist", "export-reader"],
      permissions: {
        experiment: ["list", "read"],
        export: ["list", "read"],
        feature_flag: ["list", "read"],
        permission: ["read"],
        report: ["create", "delete", "list", "read", "update"],
        role: ["read"],
        user: ["read"],
        sale: ["list", "read"],
      },
      scopes: {
        report: { create: "own", read: "all", update: "own", delete: "own", list: "all" },
        sale: { read: "all", list: "all" },
      },
      is_superuser: false,
    });
    const own = await f.call("GET", `/api/v1/rbac/users/${f.ids.dave}/permissions`, { as: "dave" });
    expect(own.body).toEqual(response.body);
  });

  it("List Custom Roles with include_system=false: the custom roles only, each with its user_count", async () => {
    const response = await f.call<RoleView[]>("GET", "/api/v1/rbac/roles?include_system=false", { as: "vera" });
    expect(response.status).toBe(200);
    expect(response.body.every((r) => !r.is_system_role)).toBe(true);
    expect(Object.fromEntries(response.body.map((r) => [r.name, r.user_count]))).toEqual({
      "data-scientist": 1,
      "export-reader": 1,
      "read-only-experiments": 1,
      "regional-lead": 1,
      "sales-director": 1,
      "sales-manager": 1,
      "sales-rep": 4,
    });
  });
});
