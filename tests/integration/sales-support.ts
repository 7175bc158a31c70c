// Shared by the sales suites: demo viewers by name, Bearer tokens, requests to the route handlers.
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { queryRows, type Database } from "@/db/client";
import { DEMO_USERS } from "@/db/seed";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { insertToken } from "@/lib/auth/tokens";

export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

export interface DemoPeople {
  viewers: Map<string, Viewer>;
  tokens: Map<string, string>;
  idOf(username: string): string;
  viewer(username: string): Viewer;
  token(username: string): string;
}

/** Every demo user as a resolved viewer, each with a fresh API token. */
export async function demoPeople(db: Database): Promise<DemoPeople> {
  const rows = await queryRows<{ id: string; username: string }>(db, sql`select id, username from users`);
  const viewers = new Map<string, Viewer>();
  const tokens = new Map<string, string>();
  for (const row of rows) {
    const viewer = await loadViewerById(db, row.id);
    if (!viewer) throw new Error(`demo user ${row.username} is not active`);
    viewers.set(row.username, viewer);
    tokens.set(row.username, (await insertToken(db, row.id, { name: "sales tests" })).token);
  }
  const must = <T>(map: Map<string, T>, username: string): T => {
    const value = map.get(username);
    if (value === undefined) throw new Error(`no demo user ${username}`);
    return value;
  };
  return {
    viewers,
    tokens,
    idOf: (username) => must(viewers, username).id,
    viewer: (username) => must(viewers, username),
    token: (username) => must(tokens, username),
  };
}

export function apiRequest(method: string, path: string, token: string | null, body?: unknown): NextRequest {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return new NextRequest(new URL(path, "http://localhost"), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const noParams = { params: Promise.resolve({}) };
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** The user filters of a list query as a query string (for the API). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}
