// The integration suites' one fixture: the demo users on a test database (ids, viewers, API
// tokens), requests to the real route handlers (routed from the app/api tree as Next.js routes
// them, or built for one handler), server actions posted as a browser posts them, and what a
// refusal must leave unchanged. Suites that post server actions mock "@/lib/auth/viewer" with
// ./session.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { queryRows, type Database } from "@/db/client";
import { DEMO_USERS, type DemoUsername } from "@/db/seed";
import { idle, type ActionState, type FormAction } from "@/lib/action-state";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { insertToken } from "@/lib/auth/tokens";
import { demoDatabase, type DatabaseKind, type TestDatabase } from "./databases";
import { session } from "./session";

export type { DemoUsername };
export const DEMO_USERNAMES: readonly DemoUsername[] = DEMO_USERS.map((u) => u.username);
export const NON_ADMINS = ["vera", "dave", "dev"] as const satisfies readonly DemoUsername[];

/** Who sends a request: a demo user, nobody, or a well-formed token that matches no one. */
export type Caller = DemoUsername | "anonymous" | "bad token";
export type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

export interface DemoPeople {
  ids: Record<DemoUsername, string>;
  /** A fresh API token each, minted for this suite. */
  tokens: Record<DemoUsername, string>;
  /** As resolved when the suite started; a test that changes someone's access reloads them. */
  viewers: Map<DemoUsername, Viewer>;
  viewer(username: DemoUsername): Viewer;
}

/** Every demo user, resolved, each with a fresh API token. */
export async function demoPeople(db: Database): Promise<DemoPeople> {
  const rows = await queryRows<{ id: string; username: DemoUsername }>(db, sql`select id, username from users`);
  const ids = {} as Record<DemoUsername, string>;
  const tokens = {} as Record<DemoUsername, string>;
  const viewers = new Map<DemoUsername, Viewer>();
  for (const { id, username } of rows.filter((row) => DEMO_USERNAMES.includes(row.username))) {
    const viewer = await loadViewerById(db, id);
    if (!viewer) throw new Error(`demo user ${username} is not active`);
    ids[username] = id;
    tokens[username] = (await insertToken(db, id, { name: "tests" })).token;
    viewers.set(username, viewer);
  }
  return {
    ids,
    tokens,
    viewers,
    viewer(username) {
      const viewer = viewers.get(username);
      if (!viewer) throw new Error(`no demo user ${username}`);
      return viewer;
    },
  };
}

// ---- Requests to route handlers

/** The request one route handler receives: `body` is sent as JSON, a string as it is. */
export function apiRequest(method: string, path: string, token: string | null, body?: unknown): NextRequest {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(new URL(path, "http://localhost"), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const noParams = { params: Promise.resolve({}) };
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** A list query's filters as a query string. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface CallOptions {
  as?: Caller;
  /** A token of the test's own (limited, expired, revoked) instead of the caller's. */
  token?: string;
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

// Each route types its own params; the router only knows they are strings.
type Handler = (request: NextRequest, context: { params: Promise<never> }) => Response | Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
/** Every route.ts below app/api/v1, by its URL segments ("[id]" dynamic). */
const ROUTES = readdirSync(path.join(API_DIR, "v1"), { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .map((file) => ({
    file: path.join(API_DIR, "v1", file),
    segments: [
      "api",
      "v1",
      ...path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s !== "."),
    ],
  }));

/** The route Next.js picks for a path: at each segment, a static name beats a dynamic one. */
function route(pathname: string): { file: string; params: Record<string, string> } | null {
  const parts = pathname.split("/").filter(Boolean);
  const matches = ROUTES.flatMap(({ file, segments }) => {
    if (segments.length !== parts.length) return [];
    const params: Record<string, string> = {};
    const rank: number[] = [];
    for (const [i, segment] of segments.entries()) {
      const dynamic = /^\[(\w+)\]$/.exec(segment)?.[1];
      if (dynamic) params[dynamic] = decodeURIComponent(parts[i]!);
      else if (segment !== parts[i]) return [];
      rank.push(dynamic ? 1 : 0);
    }
    return [{ file, params, rank: rank.join("") }];
  });
  return matches.sort((a, b) => a.rank.localeCompare(b.rank))[0] ?? null;
}

export interface Fixture extends Omit<DemoPeople, "viewer" | "viewers"> {
  test: TestDatabase;
  /** Loaded afresh on each call, as each request does. */
  viewer(username: DemoUsername): Promise<Viewer>;
  /** A request to the route Next.js would pick; the body's type is the caller's claim. */
  call<T = Record<string, unknown>>(method: Method, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  auditCount(): Promise<number>;
  lastAudit(): Promise<AuditRow>;
  /** Roles, assignments, grants, accounts and the audit log's size, as one comparable value. */
  snapshot(): Promise<string>;
  dispose(): Promise<void>;
}

export interface AuditRow {
  actor_username: string | null;
  action: string;
  target_label: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

/** A seeded database of the suite's own, with every demo user and a token each. */
export async function fixture(kind: DatabaseKind): Promise<Fixture> {
  const test = await demoDatabase(kind);
  const db = test.owner.db;
  const rows = <T>(query: SQL) => queryRows<T>(db, query);
  const { ids, tokens } = await demoPeople(db);
  const badToken = `ll_${randomBytes(32).toString("base64url")}`;

  const call = async <T>(method: Method, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> => {
    const url = new URL(path, "http://localhost:3000");
    const found = route(url.pathname);
    if (!found) throw new Error(`no route for ${path}`);
    const handler = ((await import(found.file)) as RouteModule)[method];
    if (!handler) return { status: 405, body: null as T, headers: new Headers() };
    const headers = new Headers(options.headers);
    const as = options.as ?? "anonymous";
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    else if (as === "bad token") headers.set("authorization", `Bearer ${badToken}`);
    else if (as !== "anonymous") headers.set("authorization", `Bearer ${tokens[as]}`);
    let body: string | undefined = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers.set("content-type", "application/json");
    }
    const response = await handler(new NextRequest(url, { method, headers, body }), {
      params: Promise.resolve(found.params) as Promise<never>,
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
      const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
      return row?.n ?? 0;
    },
    async lastAudit() {
      const [row] = await rows<AuditRow>(
        sql`select actor_username, action, target_label, reason, before, after from audit_log
            order by created_at desc, id desc limit 1`,
      );
      if (!row) throw new Error("the audit log is empty");
      return row;
    },
    async snapshot() {
      const state = await Promise.all([
        rows(sql`select name, description, permissions from custom_roles order by name`),
        rows(sql`select user_id, role_id from user_custom_roles order by user_id, role_id`),
        rows(sql`select id, resource, actions, scope, expires_at, is_active from direct_permission_grants order by id`),
        rows(sql`select username, base_role, team, is_active, is_superuser from users order by username`),
        rows(sql`select count(*)::int as n from audit_log`),
      ]);
      return JSON.stringify(state);
    },
    dispose: () => test.dispose(),
  };
}

// ---- Server actions

export type Fields = Record<string, string | string[]>;

/** The FormData a browser posts; an array is a checkbox group (one entry per checked box). */
export function formData(fields: Fields): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of [value].flat()) data.append(key, item);
  }
  return data;
}

/** A real server action, posted by `viewer` (null: signed out). */
export async function post(action: FormAction, fields: Fields, viewer: Viewer | null): Promise<ActionState> {
  session.viewer = viewer;
  try {
    return await action(idle, formData(fields));
  } finally {
    session.viewer = null;
  }
}

/** Where a real server action, posted by `viewer`, sent the browser next; an answer instead fails the test. */
export async function postRedirect(action: FormAction, fields: Fields, viewer: Viewer | null): Promise<string> {
  session.viewer = viewer;
  try {
    const state = await action(idle, formData(fields));
    throw new Error(`expected a redirect, got ${JSON.stringify(state)}`);
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2] ?? "";
  } finally {
    session.viewer = null;
  }
}

/** How a form shows a refusal for want of permission (the service's Forbidden). */
export const FORBIDDEN = {
  status: "error",
  error: expect.stringMatching(/only an admin|only a superuser|permission|requires/i),
} as const;

// ---- Summaries

const MEASURES = `count(*)::int as deals, (count(*) filter (where status = 'won'))::int as won,
  (count(*) filter (where status = 'lost'))::int as lost,
  coalesce(sum(amount) filter (where status = 'won'), 0)::numeric(18, 2) as won_amount,
  coalesce(sum(amount) filter (where status = 'lost'), 0)::numeric(18, 2) as lost_amount,
  sum(amount)::numeric(18, 2) as amount`;

/** Rows of a summary table that a recount of the sales by `keys` does not give, and the reverse. */
function drift(table: string, keys: Record<string, string>): string {
  const names = Object.keys(keys);
  const columns = [...names, "deals", "won", "lost", "won_amount", "lost_amount", "amount"].join(", ");
  const grouped = Object.entries(keys).map(([name, expression]) => `${expression} as ${name}`);
  const truth = `select ${grouped.join(", ")}, ${MEASURES} from sales group by ${names.map((_, i) => i + 1).join(", ")}`;
  return `(select count(*) from ((${truth} except select ${columns} from ${table})
    union all (select ${columns} from ${table} except ${truth})) as d)`;
}

const MONTH = "date_trunc('month', closed_at)::date";
const ROLLUP_MEASURES = ["deals", "won", "lost", "won_amount", "lost_amount", "amount"];
// The rollup's folded cells plus the changes not folded yet: what a reader adds up.
const ROLLUP = `(select month, region, product, ${ROLLUP_MEASURES.map((m) => `sum(${m})::${m.endsWith("amount") ? "numeric(18, 2)" : "int"} as ${m}`).join(", ")}
  from (select month, region, product, ${ROLLUP_MEASURES.join(", ")} from sales_monthly_rollup
        union all select month, region, product, ${ROLLUP_MEASURES.join(", ")} from sales_rollup_changes) as cells
  group by 1, 2, 3 having sum(deals) <> 0) as rollup`;
// Each summary recomputed from sales, compared both ways: an empty difference means exact.
const SUMMARY_DRIFT = sql.raw(`select (
  ${drift("sales_monthly_by_region", { owner_id: "owner_id", month: MONTH, region: "region" })}
  + ${drift("sales_monthly_by_product", { owner_id: "owner_id", month: MONTH, product: "product" })}
  + ${drift("sales_owner_totals", { owner_id: "owner_id" })}
  + ${drift("sales_monthly_by_owner", { owner_id: "owner_id", month: MONTH })}
  + ${drift(ROLLUP, { month: MONTH, region: "region", product: "product" })}
)::int as drift`);

/** How many summary rows differ from a recount of the sales, in either direction: 0 when exact. */
export async function summaryDrift(db: Database): Promise<number | undefined> {
  return (await queryRows<{ drift: number }>(db, SUMMARY_DRIFT))[0]?.drift;
}
