// Input nobody types by accident: NUL characters, broken Unicode, dates ten thousand years away,
// numbers of every size, in every field of every route and server action. Each answer is a 2xx or
// a 4xx, never a 5xx, and a refusal changes nothing.
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as approveRequest from "@/app/api/v1/access-requests/[id]/approve/route";
import * as denyRequest from "@/app/api/v1/access-requests/[id]/deny/route";
import * as accessRequest from "@/app/api/v1/access-requests/[id]/route";
import * as accessRequests from "@/app/api/v1/access-requests/route";
import * as audit from "@/app/api/v1/rbac/audit/route";
import * as role from "@/app/api/v1/rbac/roles/[role_name]/route";
import * as assign from "@/app/api/v1/rbac/roles/assign/route";
import * as revoke from "@/app/api/v1/rbac/roles/revoke/route";
import * as roles from "@/app/api/v1/rbac/roles/route";
import * as grantOne from "@/app/api/v1/rbac/users/[user_id]/grant/[resource]/route";
import * as grant from "@/app/api/v1/rbac/users/[user_id]/grant/route";
import * as permissions from "@/app/api/v1/rbac/users/[user_id]/permissions/route";
import * as sale from "@/app/api/v1/sales/[id]/route";
import * as exportRoute from "@/app/api/v1/sales/export/route";
import * as salesRoute from "@/app/api/v1/sales/route";
import { queryRows } from "@/db/client";
import type { Viewer } from "@/lib/auth/principal";
import type { ActionState } from "@/lib/actions";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, demoPeople, type DemoPeople, type DemoUsername } from "../support/fixture";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer, currentSessionId: async () => null }));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "127.0.0.70" }) }));
const saleActions = await import("@/app/(app)/sales/actions");
const tokenActions = await import("@/app/(app)/account/tokens/actions");
const accountActions = await import("@/app/(app)/account/actions");
const roleActions = await import("@/app/(app)/admin/roles/actions");
const userActions = await import("@/app/(app)/admin/users/actions");
const securityActions = await import("@/app/(app)/account/security/actions");
const accessActions = await import("@/app/(app)/access/actions");
const queueActions = await import("@/app/(app)/admin/access-requests/actions");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  handler: unknown;
  /** Path parameters, named as in the app/api folder. */
  params?: string[];
  query?: string[];
  /** A body that would be accepted, so one hostile field at a time reaches the deeper checks. */
  body?: Record<string, unknown>;
}

const SALE_FIELDS = ["customer", "product", "region", "amount", "status", "closed_at", "owner_id"];
const LIST_QUERY = ["q", "region", "status", "owner_id", "from", "to", "min_amount", "max_amount", "sort", "page"];
const validSale = {
  customer: "Hooli",
  product: "Support",
  region: "EMEA",
  amount: 100,
  status: "open",
  closed_at: "2026-05-01",
};

const ROUTES: Route[] = [
  { method: "GET", path: "/api/v1/sales", handler: salesRoute.GET, query: [...LIST_QUERY, "page_size"] },
  { method: "POST", path: "/api/v1/sales", handler: salesRoute.POST, body: validSale },
  { method: "GET", path: "/api/v1/sales/export", handler: exportRoute.GET, query: LIST_QUERY },
  { method: "GET", path: "/api/v1/sales/:id", handler: sale.GET, params: ["id"] },
  { method: "PATCH", path: "/api/v1/sales/:id", handler: sale.PATCH, params: ["id"], body: { amount: 5 } },
  { method: "DELETE", path: "/api/v1/sales/:id", handler: sale.DELETE, params: ["id"] },
  {
    method: "GET",
    path: "/api/v1/rbac/audit",
    handler: audit.GET,
    query: ["page", "page_size", "actor_id", "target_id", "action", "from", "to"],
  },
  { method: "GET", path: "/api/v1/rbac/roles", handler: roles.GET },
  {
    method: "POST",
    path: "/api/v1/rbac/roles",
    handler: roles.POST,
    body: { name: "fuzzed", description: "x", permissions: [{ resource: "report", actions: ["read"] }] },
  },
  { method: "GET", path: "/api/v1/rbac/roles/:role_name", handler: role.GET, params: ["role_name"] },
  {
    method: "PUT",
    path: "/api/v1/rbac/roles/:role_name",
    handler: role.PUT,
    params: ["role_name"],
    body: { description: "y", permissions: [] },
  },
  { method: "DELETE", path: "/api/v1/rbac/roles/:role_name", handler: role.DELETE, params: ["role_name"] },
  { method: "POST", path: "/api/v1/rbac/roles/assign", handler: assign.POST, body: { role_name: "auditor" } },
  { method: "POST", path: "/api/v1/rbac/roles/revoke", handler: revoke.POST, body: { role_name: "auditor" } },
  {
    method: "POST",
    path: "/api/v1/rbac/users/:user_id/grant",
    handler: grant.POST,
    params: ["user_id"],
    body: { resource: "report", actions: ["create"], reason: "fuzz", expires_at: "2030-01-01T00:00:00Z" },
  },
  {
    method: "DELETE",
    path: "/api/v1/rbac/users/:user_id/grant/:resource",
    handler: grantOne.DELETE,
    params: ["user_id", "resource"],
  },
  {
    method: "GET",
    path: "/api/v1/rbac/users/:user_id/permissions",
    handler: permissions.GET,
    params: ["user_id"],
    query: ["explain"],
  },
  {
    method: "POST",
    path: "/api/v1/access-requests",
    handler: accessRequests.POST,
    body: { resource: "export", actions: ["read"], reason: "fuzz", duration_hours: 24 },
  },
  { method: "GET", path: "/api/v1/access-requests", handler: accessRequests.GET, query: ["view"] },
  { method: "GET", path: "/api/v1/access-requests/:id", handler: accessRequest.GET, params: ["id"] },
  {
    method: "POST",
    path: "/api/v1/access-requests/:id/approve",
    handler: approveRequest.POST,
    params: ["id"],
    body: { reason: "fuzz" },
  },
  {
    method: "POST",
    path: "/api/v1/access-requests/:id/deny",
    handler: denyRequest.POST,
    params: ["id"],
    body: { reason: "fuzz" },
  },
];

/** Text PostgreSQL refuses, dates beyond any calendar the app uses, and the usual suspects. */
const SUSPECTS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "9999-12-31",
  "9999-12-15",
  "0000-01-01",
  "2031-01-01T10:00:99",
  "+275760-09-13T00:00:00.000Z",
  "1e308",
  "-0",
  "NaN",
  "Infinity",
  "'; drop table sales; --",
  "%00",
  "🙂".repeat(300),
  "a".repeat(5000),
];

const hostileText = fc.oneof(
  fc.constantFrom(...SUSPECTS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom("\u0000", "\ud800", "\udfff", "a", "-", "9", ":", "T"), maxLength: 20 }),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
);

const hostileValue = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
);

/** A digest of every table a request could change (API tokens without their last use). */
const FINGERPRINT = sql`select md5(concat_ws('|',
  (select string_agg(s::text, ',' order by s.id) from sales s),
  (select string_agg(r::text, ',' order by r.id) from custom_roles r),
  (select string_agg(a::text, ',' order by a.id) from user_custom_roles a),
  (select string_agg(g::text, ',' order by g.id) from direct_permission_grants g),
  (select string_agg(l.id::text, ',' order by l.id) from audit_log l),
  (select string_agg(u::text, ',' order by u.id) from users u),
  (select string_agg(t.id::text || coalesce(t.revoked_at::text, ''), ',' order by t.id) from api_tokens t)
)) as digest`;

describe.each(DATABASE_KINDS)("hostile input on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  let someSale: string;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    const [row] = await queryRows<{ id: string }>(
      test.owner.db,
      sql`select id from sales where owner_id = ${people.ids.alice} limit 1`,
    );
    someSale = row!.id;
  });
  afterAll(() => test?.dispose());

  const fingerprint = async () => (await queryRows<{ digest: string }>(test.owner.db, FINGERPRINT))[0]?.digest;

  const realParam = (name: string) =>
    ({ id: someSale, role_name: "auditor", user_id: people.ids.bob, resource: "export" })[name] ?? "";

  async function send(
    route: Route,
    as: DemoUsername,
    params: Record<string, string>,
    query: Record<string, string>,
    body: unknown,
  ) {
    let path = route.path;
    // A URL cannot carry a lone surrogate; the handler still receives the raw value as its param.
    for (const [name, value] of Object.entries(params))
      path = path.replace(`:${name}`, encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd")));
    const search = new URLSearchParams(query).toString();
    const request = apiRequest(route.method, search ? `${path}?${search}` : path, people.tokens[as], body);
    return (route.handler as Handler)(request, { params: Promise.resolve(params) });
  }

  it("a NUL character in a body field, a query parameter or a path is a 422 naming the field", async () => {
    const before = await fingerprint();
    const created = await send(ROUTES[1]!, "admin", {}, {}, { ...validSale, customer: "Ac\u0000me" });
    expect(created.status).toBe(422);
    expect(await created.json()).toMatchObject({ errors: [{ field: "customer" }] });
    for (const [route, field] of [
      [ROUTES[0]!, "q"],
      [ROUTES[0]!, "region"],
      [ROUTES[6]!, "target_id"],
      [ROUTES[6]!, "action"],
    ] as const) {
      const response = await send(route, "admin", {}, { [field]: "x\u0000" }, undefined);
      expect({ field, status: response.status }).toEqual({ field, status: 422 });
      expect(await response.json()).toMatchObject({ errors: [{ field }] });
    }
    const path = await send(ROUTES[9]!, "admin", { role_name: "aud\u0000itor" }, {}, undefined);
    expect(path.status).toBe(422);
    expect(await path.json()).toMatchObject({ errors: [{ field: "role_name" }] });
    const lone = await send(ROUTES[12]!, "admin", {}, {}, { user_id: people.ids.bob, role_name: "\ud800" });
    expect(lone.status).toBe(422);
    expect(await fingerprint()).toBe(before);
  });

  it("dates far in the future or before any calendar are a 422, not a 500", async () => {
    for (const [route, query] of [
      [ROUTES[0]!, { from: "9999-12-15" }],
      [ROUTES[2]!, { to: "9999-12-31" }],
      [ROUTES[6]!, { to: "9999-12-31T00:00:00Z" }],
      [ROUTES[6]!, { from: "0000-01-01T00:00:00Z" }],
    ] as const) {
      const response = await send(route, "admin", {}, query, undefined);
      expect({ query, status: response.status }).toEqual({ query, status: 422 });
    }
    const expiry = await send(
      ROUTES[14]!,
      "admin",
      { user_id: people.ids.bob },
      {},
      { resource: "export", actions: ["read"], expires_at: "9999-12-31T00:00:00Z" },
    );
    expect(expiry.status).toBe(422);
  });

  it("every route answers generated input with a 2xx or 4xx, and a refusal changes nothing", async () => {
    const routeCase = fc.record({
      route: fc.constantFrom(...ROUTES),
      as: fc.constantFrom("admin", "alice", "carol"),
      hostileParam: fc.boolean(),
      paramValue: hostileText,
      query: fc.dictionary(fc.constantFrom(...LIST_QUERY, "actor_id", "target_id", "explain"), hostileText, {
        maxKeys: 3,
      }),
      field: fc.constantFrom(...SALE_FIELDS, "name", "permissions", "actions", "expires_at", "user_id", "reason"),
      value: hostileValue,
      wholeBody: fc.option(hostileValue, { freq: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(routeCase, async (c) => {
        const params = Object.fromEntries(
          (c.route.params ?? []).map((name, i) => [name, c.hostileParam && i === 0 ? c.paramValue : realParam(name)]),
        );
        const body =
          c.route.body === undefined
            ? undefined
            : c.wholeBody !== null
              ? c.wholeBody
              : { ...c.route.body, [c.field]: c.value };
        const before = await fingerprint();
        const response = await send(c.route, c.as, params, c.query, body);
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: 250 },
    );
  });

  it("every server action answers generated form input with a form state or a redirect, never an error", async () => {
    type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;
    const bob = people.ids.bob;
    const saleForm = { ...validSale, amount: "100" };
    // Each action with a form it would accept, so one hostile field at a time reaches the database.
    const actions: [Action, Record<string, string>][] = [
      [saleActions.createSaleAction, saleForm],
      [saleActions.updateSaleAction, { id: someSale, ...saleForm }],
      [saleActions.deleteSaleAction, { id: someSale }],
      [tokenActions.createTokenAction, { name: "fuzzed", expiresIn: "30" }],
      [tokenActions.revokeTokenAction, { id: someSale }],
      [roleActions.createRoleAction, { name: "fuzzed-role", description: "made by a test", reason: "fuzz" }],
      [roleActions.updateRoleAction, { name: "auditor", description: "changed by a test", reason: "fuzz" }],
      [roleActions.deleteRoleAction, { name: "fuzzed-role", reason: "fuzz" }],
      [userActions.updateAccountAction, { user_id: bob, team: "east", reason: "fuzz" }],
      [userActions.assignRoleAction, { user_id: bob, role_name: "auditor", reason: "fuzz" }],
      [userActions.revokeRoleAction, { user_id: bob, role_name: "auditor", reason: "fuzz" }],
      [
        userActions.grantAction,
        {
          user_id: bob,
          resource: "report",
          actions: "create",
          reason: "fuzz",
          expires_local: "2030-01-01T10:00",
          time_zone: "UTC",
        },
      ],
      [userActions.revokeGrantAction, { grant_id: someSale, reason: "fuzz" }],
      [
        accessActions.requestAccessAction,
        { resource: "export", actions: "read", reason: "fuzz", duration_hours: "24" },
      ],
      [queueActions.approveAccessRequestAction, { request_id: someSale, reason: "fuzz" }],
      [queueActions.denyAccessRequestAction, { request_id: someSale, reason: "fuzz" }],
      [userActions.endAllSessionsAction, { user_id: bob }],
      [userActions.resetSecondFactorAction, { user_id: bob }],
      [securityActions.regenerateRecoveryCodesAction, { code: "", password: "not-the-password" }],
      [accountActions.endSessionAction, { id: someSale }],
      [accountActions.endOtherSessionsAction, {}],
      [accountActions.changePasswordAction, { current: "not-the-password", next: "fuzzed-password-1", confirm: "x" }],
    ];
    const actionCase = fc.record({
      action: fc.constantFrom(...actions),
      as: fc.constantFrom("admin", "alice", "carol"),
      field: fc.constantFrom(
        ...SALE_FIELDS,
        "id",
        "name",
        "description",
        "role_name",
        "user_id",
        "resource",
        "code",
        "password",
        "request_id",
        "duration_hours",
      ),
      value: hostileText,
      extras: fc.dictionary(
        fc.constantFrom("scope", "expires_local", "time_zone", "base_role", "is_active"),
        hostileText,
        {
          maxKeys: 2,
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(actionCase, async ({ action: [run, base], as, field, value, extras }) => {
        session.viewer = people.viewer(as);
        const form = new FormData();
        for (const [key, text] of Object.entries({ ...base, ...extras, [field]: value })) form.set(key, text);
        const before = await fingerprint();
        const outcome = await run({ status: "idle" }, form).then(
          (state) => state,
          (error: unknown) => {
            const digest = (error as { digest?: unknown } | null)?.digest;
            if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT"))
              return { status: "redirect" as const };
            throw error;
          },
        );
        expect(["success", "error", "redirect"]).toContain(outcome.status);
        if (outcome.status === "error") expect(await fingerprint()).toBe(before);
      }),
      { numRuns: 250 },
    );
  });
});
