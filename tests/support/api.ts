import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { insertToken } from "@/lib/auth/tokens";

/** Mints an API token for a demo user. */
export async function tokenFor(username: string): Promise<string> {
  const db = await getDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no demo user ${username}`);
  return (await insertToken(db, user.id, { name: `test-${username}` })).token;
}

export async function userId(username: string): Promise<string> {
  const db = await getDb();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!user) throw new Error(`no demo user ${username}`);
  return user.id;
}

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Builds the request a route handler receives. `body` strings are sent as they are. */
export function apiRequest(path: string, options: CallOptions = {}): NextRequest {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  return new NextRequest(new URL(path, "http://localhost"), { method: options.method ?? "GET", headers, body });
}

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next would. */
export function call<P extends Record<string, string>>(
  handler: Handler<P>,
  path: string,
  options: CallOptions & { params?: P } = {},
): Promise<Response> {
  return handler(apiRequest(path, options), { params: Promise.resolve((options.params ?? {}) as P) });
}
