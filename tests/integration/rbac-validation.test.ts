// Every input rule of the RBAC API, as tables: a valid input gets its 2xx, an invalid one a 4xx
// naming the offending field, and nothing is ever a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESERVED_ROLE_NAMES } from "@/lib/rbac/schemas";
import { DATABASE_KINDS } from "../support/databases";
import { type CallOptions, fixture, type Fixture, type Method } from "../support/fixture";

const VALID_NAMES = [
  "data-scientist",
  "read_only_experiments",
  "analyst2",
  "ab",
  "a-",
  "z_9",
  `a${"b".repeat(63)}`,
  // Only the exact name of a console page is reserved, not names that start like one.
  "new-hires",
  "newest",
];

const INVALID_NAMES: [string, unknown][] = [
  ["one character", "a"],
  ["empty", ""],
  ["65 characters", `a${"b".repeat(64)}`],
  ["an uppercase letter", "Data-scientist"],
  ["all uppercase", "ADMINS"],
  ["a leading digit", "1abc"],
  ["a leading hyphen", "-abc"],
  ["a leading underscore", "_abc"],
  ["a space", "data scientist"],
  ["a dot", "data.scientist"],
  ["a slash", "data/scientist"],
  ["a non-ASCII letter", "café"],
  ["a number", 42],
  ["null", null],
];

const FUTURE = "2099-01-01T00:00:00Z";
const UNKNOWN_USER = "00000000-0000-4000-8000-000000000000";
const ROLES = "/api/v1/rbac/roles";

/** [why, body, the field named in the 422's errors] for POST /roles. */
const INVALID_ROLE_BODIES: [string, unknown, string][] = [
  [
    "an empty actions list",
    { name: "r1", permissions: [{ resource: "report", actions: [] }] },
    "permissions.0.actions",
  ],
  [
    "an unknown resource",
    { name: "r2", permissions: [{ resource: "spaceship", actions: ["read"] }] },
    "permissions.0.resource",
  ],
  [
    "an unknown action",
    { name: "r3", permissions: [{ resource: "report", actions: ["fly"] }] },
    "permissions.0.actions.0",
  ],
  [
    "a scope on a resource without rows",
    { name: "r4", permissions: [{ resource: "export", actions: ["read"], scope: "team" }] },
    "permissions.0.scope",
  ],
  [
    "an unknown scope",
    { name: "r5", permissions: [{ resource: "sale", actions: ["read"], scope: "galaxy" }] },
    "permissions.0.scope",
  ],
  ["no permissions", { name: "r6" }, "permissions"],
  ["permissions as a string", { name: "r7", permissions: "all" }, "permissions"],
  [
    "actions as a string",
    { name: "r8", permissions: [{ resource: "report", actions: "read" }] },
    "permissions.0.actions",
  ],
  ["a numeric description", { name: "r9", description: 5, permissions: [] }, "description"],
  ["an unknown field", { name: "r10", permissions: [], owner: "me" }, "body"],
  [
    "an unknown field in a permission entry",
    { name: "r11", permissions: [{ resource: "report", actions: ["read"], deny: true }] },
    "permissions.0",
  ],
  ["a JSON array", [], "body"],
  ["a JSON string", "admin", "body"],
];

/** [why, body, field] for PUT /roles/sales-rep. */
const INVALID_UPDATES: [string, unknown, string][] = [
  ["a rename", { name: "renamed" }, "body"],
  ["an empty actions list", { permissions: [{ resource: "sale", actions: [] }] }, "permissions.0.actions"],
  ["an unknown resource", { permissions: [{ resource: "spaceship", actions: ["read"] }] }, "permissions.0.resource"],
  ["permissions as null", { permissions: null }, "permissions"],
];

/** [why, body, field] for POST /roles/assign and /roles/revoke. */
const INVALID_ASSIGNMENTS: [string, unknown, string][] = [
  ["a user id that is not a UUID", { user_id: "abc123", role_name: "sales-rep" }, "user_id"],
  ["a numeric user id", { user_id: 123, role_name: "sales-rep" }, "user_id"],
  ["no role name", { user_id: UNKNOWN_USER }, "role_name"],
  ["a role name that breaks the rules", { user_id: UNKNOWN_USER, role_name: "Sales Rep" }, "role_name"],
  ["an unknown field", { user_id: UNKNOWN_USER, role_name: "sales-rep", until: FUTURE }, "body"],
  ["a numeric reason", { user_id: UNKNOWN_USER, role_name: "sales-rep", reason: 7 }, "reason"],
];

/** [why, fields over a valid grant body, field] for POST /users/{dave}/grant. */
const INVALID_GRANTS: [string, Record<string, unknown>, string][] = [
  ["an expiry in the past", { expires_at: "2020-01-01T00:00:00Z" }, "expires_at"],
  ["an expiry that is not a date", { expires_at: "next week" }, "expires_at"],
  ["an expiry in the 13th month", { expires_at: "2099-13-01T00:00:00Z" }, "expires_at"],
  ["an expiry without a time zone", { expires_at: "2099-01-01T00:00:00" }, "expires_at"],
  ["an expiry as a number", { expires_at: 4102444800 }, "expires_at"],
  ["no actions", { actions: [] }, "actions"],
  ["an unknown action", { actions: ["read", "teleport"] }, "actions.1"],
  ["actions as a string", { actions: "read" }, "actions"],
  ["an unknown resource", { resource: "spaceship" }, "resource"],
  ["a body user_id naming another user", { user_id: UNKNOWN_USER }, "user_id"],
  ["a body user_id that is not a UUID", { user_id: "dave" }, "user_id"],
  ["an unknown field", { deny: true }, "body"],
  ["no expiry on an export (at most 30 days)", {}, "expires_at"],
  ["an export expiring beyond its 30 days", { expires_at: "2099-01-01T00:00:00Z" }, "expires_at"],
  ["a scope on a resource without rows", { scope: "all" }, "scope"],
];

const VALID_GRANTS: [string, Record<string, unknown>][] = [
  ["no expiry", {}],
  ["a null expiry", { expires_at: null }],
  ["an expiry in UTC", { expires_at: FUTURE }],
  ["an expiry with an offset and fractions", { expires_at: "2099-01-01T02:00:00.123+02:00" }],
  ["a team scope on sale", { resource: "sale", actions: ["read", "list"], scope: "team" }],
  ["duplicate actions", { actions: ["read", "read"] }],
];

/** [why, method, path, status, field?]: path parameters (non-UUIDs answer 422) and query strings. */
const INVALID_URLS: [string, Method, (f: Fixture) => string, number, string?][] = [
  ["permissions of a non-UUID user", "GET", () => "/api/v1/rbac/users/not-a-uuid/permissions", 422, "user_id"],
  ["revoking grants of a non-UUID user", "DELETE", () => "/api/v1/rbac/users/not-a-uuid/grant/export", 422, "user_id"],
  [
    "revoking grants on an unknown resource",
    "DELETE",
    (f) => `/api/v1/rbac/users/${f.ids.dave}/grant/spaceship`,
    422,
    "resource",
  ],
  ["revoking grants of an unknown user", "DELETE", () => `/api/v1/rbac/users/${UNKNOWN_USER}/grant/export`, 404],
  ["permissions of an unknown user", "GET", () => `/api/v1/rbac/users/${UNKNOWN_USER}/permissions`, 404],
  ["reading an unknown role", "GET", () => `${ROLES}/no-such-role`, 404],
  ["reading a role by a name that breaks the rules", "GET", () => `${ROLES}/Not%20A%20Role`, 404],
  ["deleting an unknown role", "DELETE", () => `${ROLES}/no-such-role`, 404],
  ["deleting a system role", "DELETE", () => `${ROLES}/admin`, 400],
  ["include_system that is not a boolean", "GET", () => `${ROLES}?include_system=maybe`, 422, "include_system"],
  [
    "explain that is not a boolean",
    "GET",
    (f) => `/api/v1/rbac/users/${f.ids.dave}/permissions?explain=yes`,
    422,
    "explain",
  ],
  ["audit page 0", "GET", () => "/api/v1/rbac/audit?page=0", 422, "page"],
  ["audit page size 201", "GET", () => "/api/v1/rbac/audit?page_size=201", 422, "page_size"],
  ["audit page size 0", "GET", () => "/api/v1/rbac/audit?page_size=0", 422, "page_size"],
  ["audit page size that is not a number", "GET", () => "/api/v1/rbac/audit?page_size=lots", 422, "page_size"],
  ["an audit actor that is not a UUID", "GET", () => "/api/v1/rbac/audit?actor_id=admin", 422, "actor_id"],
  ["an audit start that is not a date", "GET", () => "/api/v1/rbac/audit?from=yesterday", 422, "from"],
];

const OVERSIZED = JSON.stringify({ name: "big", description: "x".repeat(70_000), permissions: [] });

/** [why, method, path, request, status, detail]: bodies that are not JSON objects of sane size. */
const BAD_TRANSPORT: [string, Method, (f: Fixture) => string, CallOptions, number, RegExp][] = [
  ["malformed JSON", "POST", () => ROLES, { raw: '{"name": "half' }, 422, /Malformed JSON/],
  ["a form-encoded body", "POST", () => "/api/v1/rbac/roles/assign", { raw: "user=alice" }, 422, /Malformed JSON/],
  ["malformed JSON on update", "PUT", () => `${ROLES}/sales-rep`, { raw: "{" }, 422, /Malformed JSON/],
  [
    "malformed JSON on grant",
    "POST",
    (f) => `/api/v1/rbac/users/${f.ids.dave}/grant`,
    { raw: "[1," },
    422,
    /Malformed JSON/,
  ],
  ["no body", "POST", () => ROLES, {}, 422, /Invalid input/],
  ["a JSON null", "POST", () => ROLES, { raw: "null" }, 422, /Invalid input/],
  ["a body over 64 KiB", "POST", () => ROLES, { raw: OVERSIZED }, 413, /exceeds/],
  [
    "a declared length over 64 KiB",
    "POST",
    () => ROLES,
    { raw: "{}", headers: { "content-length": "70000" } },
    413,
    /exceeds/,
  ],
  [
    "a grant body over 64 KiB",
    "POST",
    (f) => `/api/v1/rbac/users/${f.ids.dave}/grant`,
    { raw: OVERSIZED },
    413,
    /exceeds/,
  ],
];

function fieldsOf(body: Record<string, unknown>): string[] {
  return ((body.errors ?? []) as { field: string }[]).map((e) => e.field);
}

describe.each(DATABASE_KINDS)("RBAC input validation on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  it.each(VALID_NAMES)("the role name %j is accepted", async (name) => {
    const response = await f.call("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name, permissions: [{ resource: "experiment", actions: ["read"] }] },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name, is_system_role: false, user_count: 0 });
  });

  it.each(INVALID_NAMES)("a role name with %s is refused with 422", async (_why, name) => {
    const response = await f.call("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name, permissions: [{ resource: "experiment", actions: ["read"] }] },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe("Invalid input");
    expect(new Set(fieldsOf(response.body))).toEqual(new Set(["name"]));
  });

  it.each(RESERVED_ROLE_NAMES)("the role name %j, a page of the console, is refused with 422 on name", async (name) => {
    const response = await f.call("POST", ROLES, {
      as: "admin",
      json: { name, permissions: [{ resource: "experiment", actions: ["read"] }] },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      detail: "Invalid input",
      errors: [
        {
          field: "name",
          message: `"${name}" is reserved: /admin/roles/${name} is a page of the console; choose another name`,
        },
      ],
    });
    expect((await f.call("GET", `${ROLES}/${name}`, { as: "admin" })).status).toBe(404);
  });

  it.each(INVALID_ROLE_BODIES)("a role with %s is refused with 422", async (_why, json, field) => {
    const response = await f.call("POST", ROLES, { as: "admin", json });
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it.each(INVALID_UPDATES)("an update with %s is refused with 422", async (_why, json, field) => {
    const response = await f.call("PUT", `${ROLES}/sales-rep`, { as: "admin", json });
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it.each(INVALID_ASSIGNMENTS)("an assignment or revocation with %s is refused with 422", async (_why, json, field) => {
    for (const path of [`${ROLES}/assign`, `${ROLES}/revoke`]) {
      const response = await f.call("POST", path, { as: "admin", json });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toContain(field);
    }
  });

  it.each(INVALID_GRANTS)("a grant with %s is refused with 422", async (_why, fields, field) => {
    const json = { resource: "export", actions: ["read"], ...fields };
    const response = await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, { as: "admin", json });
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it.each(INVALID_URLS)("%s → %i", async (_why, method, path, status, field) => {
    const response = await f.call(method, path(f), { as: "admin" });
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ detail: expect.any(String) });
    if (field) expect(fieldsOf(response.body)).toContain(field);
  });

  it("a caller refused the read gets 403 for a malformed query too, before its fields are read", async () => {
    const other = await f.call("GET", `/api/v1/rbac/users/${f.ids.dave}/permissions?explain=yes`, { as: "alice" });
    expect(other.status).toBe(403);
    expect((await f.call("GET", "/api/v1/rbac/audit?page=0", { as: "erin" })).status).toBe(403);
  });

  it("a grant to a non-UUID user is 422, to an unknown user 404", async () => {
    const json = { resource: "report", actions: ["create"] };
    const invalid = await f.call("POST", "/api/v1/rbac/users/not-a-uuid/grant", { as: "admin", json });
    expect(invalid.status).toBe(422);
    expect(fieldsOf(invalid.body)).toEqual(["user_id"]);
    const unknown = await f.call("POST", `/api/v1/rbac/users/${UNKNOWN_USER}/grant`, { as: "admin", json });
    expect(unknown.status).toBe(404);
  });

  it.each(BAD_TRANSPORT)("%s is a 4xx JSON error", async (_why, method, path, request, status, detail) => {
    const response = await f.call(method, path(f), { ...request, as: "admin" });
    expect(response.status).toBe(status);
    expect(response.body.detail).toMatch(detail);
  });

  it("an expiry in the past says so", async () => {
    const response = await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, {
      as: "admin",
      json: { resource: "export", actions: ["read"], expires_at: "2020-01-01T00:00:00Z" },
    });
    expect(response.body.errors).toEqual([{ field: "expires_at", message: "Choose an expiry in the future" }]);
  });

  it.each(VALID_GRANTS)("a grant with %s is accepted", async (_why, body) => {
    const json = { resource: "report", actions: ["create"], ...body };
    const response = await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, { as: "admin", json });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: "granted", user_id: f.ids.dave, resource: json.resource });
  });

  it("a grant whose body repeats the path's user id, in any letter case, is accepted", async () => {
    const response = await f.call("POST", `/api/v1/rbac/users/${f.ids.dave}/grant`, {
      as: "admin",
      json: { user_id: f.ids.dave.toUpperCase(), resource: "report", actions: ["create"] },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ user_id: f.ids.dave });
  });

  it("updating a system role is refused with 400, and unknown roles with 404", async () => {
    const system = await f.call("PUT", `${ROLES}/viewer`, { as: "admin", json: { description: "mine now" } });
    expect(system.status).toBe(400);
    const unknown = await f.call("PUT", `${ROLES}/no-such-role`, { as: "admin", json: { description: "x" } });
    expect(unknown.status).toBe(404);
  });

  it("assigning or revoking a system role is refused with 400", async () => {
    for (const path of ["/api/v1/rbac/roles/assign", "/api/v1/rbac/roles/revoke"]) {
      const response = await f.call("POST", path, { as: "admin", json: { user_id: f.ids.vera, role_name: "admin" } });
      expect(response.status).toBe(400);
    }
  });

  it("assigning an unknown role is 404", async () => {
    const response = await f.call("POST", "/api/v1/rbac/roles/assign", {
      as: "admin",
      json: { user_id: f.ids.vera, role_name: "no-such-role" },
    });
    expect(response.status).toBe(404);
  });

  it("a role named like a static segment (assign) is still reachable by name", async () => {
    const created = await f.call("POST", "/api/v1/rbac/roles", {
      as: "admin",
      json: { name: "assign", permissions: [] },
    });
    expect(created.status).toBe(201);
    expect((await f.call("GET", "/api/v1/rbac/roles/assign", { as: "vera" })).body).toMatchObject({ name: "assign" });
    const updated = await f.call("PUT", "/api/v1/rbac/roles/assign", {
      as: "admin",
      json: { description: "odd name" },
    });
    expect(updated.body).toMatchObject({ name: "assign", description: "odd name" });
    expect((await f.call("DELETE", "/api/v1/rbac/roles/assign", { as: "admin" })).status).toBe(204);
  });

  it("creating a role whose name is taken, system roles included, is 409", async () => {
    for (const name of ["sales-rep", "admin"]) {
      const response = await f.call("POST", "/api/v1/rbac/roles", { as: "admin", json: { name, permissions: [] } });
      expect(response.status).toBe(409);
    }
  });
});
