// Endpoint × caller → status. Anything not listed as allowed must be denied, and a denied
// mutation must leave no trace (no change, no audit row).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRole } from "@/lib/rbac/service";
import { DATABASE_KINDS } from "../support/databases";
import { type Caller, type CallOptions, type Fixture, fixture, type Method } from "../support/fixture";

const CALLERS = ["anonymous", "bad token", "vera", "dave", "dev", "admin", "root"] as const satisfies readonly Caller[];
type MatrixCaller = (typeof CALLERS)[number];

interface Endpoint {
  name: string;
  method: Method;
  /** Builds a fresh request (and whatever it needs) for one caller. */
  request(f: Fixture, caller: MatrixCaller, n: number): Promise<{ path: string } & CallOptions>;
  /** The status for each caller allowed to succeed; every other authenticated caller gets 403. */
  allowed: Partial<Record<MatrixCaller, number>>;
  /** Callers that get the same answer without a token. */
  public?: boolean;
}

const ADMINS = (status: number) => ({ admin: status, root: status });
const EVERYONE = (status: number) => ({ vera: status, dave: status, dev: status, admin: status, root: status });

async function customRole(f: Fixture, name: string) {
  await createRole(await f.viewer("admin"), { name, permissions: [{ resource: "report", actions: ["read"] }] });
}

const ENDPOINTS: Endpoint[] = [
  {
    name: "GET /roles",
    method: "GET",
    request: async () => ({ path: "/api/v1/rbac/roles" }),
    allowed: EVERYONE(200),
  },
  {
    name: "POST /roles",
    method: "POST",
    request: async (_f, _c, n) => ({
      path: "/api/v1/rbac/roles",
      json: { name: `matrix-create-${n}`, permissions: [{ resource: "experiment", actions: ["read"] }] },
    }),
    allowed: ADMINS(201),
  },
  {
    name: "GET /roles/{role_name}",
    method: "GET",
    request: async () => ({ path: "/api/v1/rbac/roles/sales-rep" }),
    allowed: EVERYONE(200),
  },
  {
    name: "PUT /roles/{role_name}",
    method: "PUT",
    request: async (f, _c, n) => {
      await customRole(f, `matrix-update-${n}`);
      return { path: `/api/v1/rbac/roles/matrix-update-${n}`, json: { description: "changed" } };
    },
    allowed: ADMINS(200),
  },
  {
    name: "DELETE /roles/{role_name}",
    method: "DELETE",
    request: async (f, _c, n) => {
      await customRole(f, `matrix-delete-${n}`);
      return { path: `/api/v1/rbac/roles/matrix-delete-${n}` };
    },
    allowed: ADMINS(204),
  },
  {
    name: "POST /roles/assign",
    method: "POST",
    request: async (f, _c, n) => {
      await customRole(f, `matrix-assign-${n}`);
      return { path: "/api/v1/rbac/roles/assign", json: { user_id: f.ids.vera, role_name: `matrix-assign-${n}` } };
    },
    allowed: ADMINS(200),
  },
  {
    name: "POST /roles/revoke",
    method: "POST",
    request: async (f) => ({
      path: "/api/v1/rbac/roles/revoke",
      json: { user_id: f.ids.alice, role_name: "sales-rep" },
    }),
    allowed: ADMINS(200),
  },
  {
    name: "GET /users/{other}/permissions",
    method: "GET",
    request: async (f) => ({ path: `/api/v1/rbac/users/${f.ids.carol}/permissions` }),
    allowed: ADMINS(200),
  },
  {
    name: "GET /users/{self}/permissions",
    method: "GET",
    request: async (f, caller) => {
      const self = caller === "anonymous" || caller === "bad token" ? f.ids.vera : f.ids[caller];
      return { path: `/api/v1/rbac/users/${self}/permissions` };
    },
    allowed: EVERYONE(200),
  },
  {
    name: "POST /users/{user_id}/grant",
    method: "POST",
    request: async (f) => ({
      path: `/api/v1/rbac/users/${f.ids.bob}/grant`,
      json: { resource: "report", actions: ["create"] },
    }),
    allowed: ADMINS(201),
  },
  {
    name: "DELETE /users/{user_id}/grant/{resource}",
    method: "DELETE",
    request: async (f) => ({ path: `/api/v1/rbac/users/${f.ids.bob}/grant/export` }),
    allowed: ADMINS(200),
  },
  {
    name: "GET /audit",
    method: "GET",
    request: async () => ({ path: "/api/v1/rbac/audit" }),
    allowed: ADMINS(200),
  },
  {
    name: "GET /openapi.json",
    method: "GET",
    request: async () => ({ path: "/api/v1/openapi.json" }),
    allowed: { anonymous: 200, "bad token": 200, ...EVERYONE(200) },
    public: true,
  },
];

function expectedStatus(endpoint: Endpoint, caller: MatrixCaller): number {
  const allowed = endpoint.allowed[caller];
  if (allowed !== undefined) return allowed;
  return caller === "anonymous" || caller === "bad token" ? 401 : 403;
}

const CASES = ENDPOINTS.flatMap((endpoint) =>
  CALLERS.map((caller) => ({ endpoint, caller, status: expectedStatus(endpoint, caller) })),
);

describe.each(DATABASE_KINDS)("RBAC access matrix on %s", (kind) => {
  let f: Fixture;
  let n = 0;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  it.each(CASES.map((c) => [c.endpoint.name, c.caller, c.status, c] as const))(
    "%s as %s → %i",
    async (_name, caller, status, { endpoint }) => {
      n += 1;
      const { path, ...options } = await endpoint.request(f, caller, n);
      const auditBefore = await f.auditCount();
      const response = await f.call(endpoint.method, path, { ...options, as: caller });
      expect(response.status).toBe(status);
      if (status >= 400) {
        expect(response.body).toMatchObject({ detail: expect.any(String) });
        expect(await f.auditCount()).toBe(auditBefore);
      }
      if (status === 401) expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      if (!endpoint.public) expect(response.headers.get("cache-control")).toBe("private, no-store");
    },
  );

  it("a denied update, delete or revoke changes nothing", async () => {
    await customRole(f, "matrix-untouched");
    for (const caller of ["vera", "dave", "dev"] as const) {
      await f.call("PUT", "/api/v1/rbac/roles/matrix-untouched", { as: caller, json: { description: "hijacked" } });
      await f.call("DELETE", "/api/v1/rbac/roles/matrix-untouched", { as: caller });
      await f.call("POST", "/api/v1/rbac/roles/revoke", {
        as: caller,
        json: { user_id: f.ids.erin, role_name: "sales-rep" },
      });
    }
    const role = await f.call("GET", "/api/v1/rbac/roles/matrix-untouched", { as: "vera" });
    expect(role.body).toMatchObject({ name: "matrix-untouched", description: null });
    const erin = await f.call<{ custom_roles: string[] }>("GET", `/api/v1/rbac/users/${f.ids.erin}/permissions`, {
      as: "erin",
    });
    expect(erin.body.custom_roles).toEqual(["sales-rep"]);
  });

  it("a custom role granting role:create does not make its holder an admin", async () => {
    const admin = await f.viewer("admin");
    await createRole(admin, {
      name: "role-writer",
      permissions: [{ resource: "role", actions: ["create", "update", "delete", "list", "read"] }],
    });
    await f.call("POST", "/api/v1/rbac/roles/assign", {
      as: "admin",
      json: { user_id: f.ids.dave, role_name: "role-writer" },
    });
    const attempt = await f.call("POST", "/api/v1/rbac/roles", {
      as: "dave",
      json: { name: "dave-made-this", permissions: [] },
    });
    expect(attempt.status).toBe(403);
  });

  it("for an unknown user id a non-admin gets 403 (no existence leak) and an admin 404", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await f.call("GET", `/api/v1/rbac/users/${unknown}/permissions`, { as: "dev" })).status).toBe(403);
    expect((await f.call("GET", `/api/v1/rbac/users/${unknown}/permissions`, { as: "admin" })).status).toBe(404);
    expect((await f.call("GET", `/api/v1/rbac/users/${unknown}/permissions`, { as: "root" })).status).toBe(404);
  });
});
