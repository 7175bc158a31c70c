// Shared by the rbac-*.test.ts suites: a seeded database, a Bearer token per demo user, and a
// small router that calls the real route handlers the way Next.js would.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { queryRows } from "@/db/client";
import { users } from "@/db/schema";
import * as accessRequestApproveRoute from "@/app/api/v1/access-requests/[id]/approve/route";
import * as accessRequestDenyRoute from "@/app/api/v1/access-requests/[id]/deny/route";
import * as accessRequestRoute from "@/app/api/v1/access-requests/[id]/route";
import * as accessRequestsRoute from "@/app/api/v1/access-requests/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as assignmentRoute from "@/app/api/v1/rbac/assignments/[assignment_id]/route";
import * as auditRoute from "@/app/api/v1/rbac/audit/route";
import * as expiringRoute from "@/app/api/v1/rbac/expiring/route";
import * as grantByIdRoute from "@/app/api/v1/rbac/grants/[grant_id]/route";
import * as roleRoute from "@/app/api/v1/rbac/roles/[role_name]/route";
import * as assignRoute from "@/app/api/v1/rbac/roles/assign/route";
import * as revokeRoute from "@/app/api/v1/rbac/roles/revoke/route";
import * as rolesRoute from "@/app/api/v1/rbac/roles/route";
import * as grantResourceRoute from "@/app/api/v1/rbac/users/[user_id]/grant/[resource]/route";
import * as grantRoute from "@/app/api/v1/rbac/users/[user_id]/grant/route";
import * as permissionsRoute from "@/app/api/v1/rbac/users/[user_id]/permissions/route";
import * as whatIfRoute from "@/app/api/v1/rbac/what-if/route";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { insertToken } from "@/lib/auth/tokens";
import { demoDatabase, type DatabaseKind, type TestDatabase } from "../support/databases";

export type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
// Each route types its own params; the router only knows they are strings.
type Handler = (request: NextRequest, context: { params: Promise<never> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

// Static segments before dynamic ones, as Next.js matches them.
const ROUTES: [RegExp, RouteModule, string[]][] = [
  [/^\/api\/v1\/openapi\.json$/, openapiRoute, []],
  [/^\/api\/v1\/rbac\/roles$/, rolesRoute, []],
  [/^\/api\/v1\/rbac\/roles\/assign$/, assignRoute, []],
  [/^\/api\/v1\/rbac\/roles\/revoke$/, revokeRoute, []],
  [/^\/api\/v1\/rbac\/roles\/([^/]+)$/, roleRoute, ["role_name"]],
  [/^\/api\/v1\/rbac\/users\/([^/]+)\/permissions$/, permissionsRoute, ["user_id"]],
  [/^\/api\/v1\/rbac\/users\/([^/]+)\/grant$/, grantRoute, ["user_id"]],
  [/^\/api\/v1\/rbac\/users\/([^/]+)\/grant\/([^/]+)$/, grantResourceRoute, ["user_id", "resource"]],
  [/^\/api\/v1\/rbac\/audit$/, auditRoute, []],
  [/^\/api\/v1\/rbac\/expiring$/, expiringRoute, []],
  [/^\/api\/v1\/rbac\/grants\/([^/]+)$/, grantByIdRoute, ["grant_id"]],
  [/^\/api\/v1\/rbac\/assignments\/([^/]+)$/, assignmentRoute, ["assignment_id"]],
  [/^\/api\/v1\/rbac\/what-if$/, whatIfRoute, []],
  [/^\/api\/v1\/access-requests$/, accessRequestsRoute, []],
  [/^\/api\/v1\/access-requests\/([^/]+)$/, accessRequestRoute, ["id"]],
  [/^\/api\/v1\/access-requests\/([^/]+)\/approve$/, accessRequestApproveRoute, ["id"]],
  [/^\/api\/v1\/access-requests\/([^/]+)\/deny$/, accessRequestDenyRoute, ["id"]],
];

export const DEMO_USERNAMES = [
  "admin",
  "root",
  "alice",
  "bob",
  "carol",
  "erin",
  "frank",
  "dave",
  "vera",
  "dev",
  "victor",
  "rita",
] as const;
export type DemoUsername = (typeof DEMO_USERNAMES)[number];

/** Who sends a request: a demo user, nobody, or a well-formed token that matches no one. */
export type Caller = DemoUsername | "anonymous" | "bad token";

export interface CallOptions {
  as?: Caller;
  /** A value sent as JSON. */
  json?: unknown;
  /** A body sent verbatim (malformed JSON, oversized bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RbacFixture {
  test: TestDatabase;
  ids: Record<DemoUsername, string>;
  tokens: Record<DemoUsername, string>;
  /** The body's type is the caller's claim; the default suits error bodies and flat objects. */
  call<T = Record<string, unknown>>(method: Method, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  viewer(username: DemoUsername): Promise<Viewer>;
  auditCount(): Promise<number>;
  dispose(): Promise<void>;
}

export async function rbacFixture(kind: DatabaseKind): Promise<RbacFixture> {
  const test = await demoDatabase(kind);
  const db = test.owner.db;
  const rows = await db.select({ id: users.id, username: users.username }).from(users);
  const ids = Object.fromEntries(rows.map((r) => [r.username, r.id])) as Record<DemoUsername, string>;
  const tokens = {} as Record<DemoUsername, string>;
  for (const username of DEMO_USERNAMES) {
    tokens[username] = (await insertToken(db, ids[username], { name: "tests" })).token;
  }
  const badToken = `ll_${randomBytes(32).toString("base64url")}`;

  const call = async <T>(method: Method, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> => {
    const url = new URL(path, "http://localhost:3000");
    const match = ROUTES.map(([pattern, route, names]) => ({ found: pattern.exec(url.pathname), route, names })).find(
      (r) => r.found,
    );
    if (!match?.found) throw new Error(`no route for ${path}`);
    const handler = match.route[method];
    if (!handler) return { status: 405, body: null as T, headers: new Headers() };
    const params = Object.fromEntries(match.names.map((name, i) => [name, decodeURIComponent(match.found![i + 1]!)]));
    const headers = new Headers(options.headers);
    const as = options.as ?? "anonymous";
    if (as === "bad token") headers.set("authorization", `Bearer ${badToken}`);
    else if (as !== "anonymous") headers.set("authorization", `Bearer ${tokens[as]}`);
    let body: string | undefined = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers.set("content-type", "application/json");
    }
    const response = await handler(new NextRequest(url, { method, headers, body }), {
      params: Promise.resolve(params) as Promise<never>,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  };

  return {
    test,
    ids,
    tokens,
    call,
    async viewer(username) {
      const viewer = await loadViewerById(db, ids[username]);
      if (!viewer) throw new Error(`${username} is not an active user`);
      return viewer;
    },
    async auditCount() {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`);
      return row?.n ?? 0;
    },
    dispose: () => test.dispose(),
  };
}
