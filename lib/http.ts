import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDatabase, withDeadline } from "@/db/client";
import { requireMfaForAdmins } from "@/lib/auth/mfa-policy";
import { loadViewerByTokenHash, type Viewer } from "@/lib/auth/principal";
import { hashToken, isWellFormedToken } from "@/lib/auth/tokens";
import { isDataException, isUnreachable } from "@/db/errors";
import { DomainError, Invalid, PayloadTooLarge, RETRY_AFTER_SECONDS, Unauthenticated, Unavailable } from "@/lib/errors";
import { assertStorable, fieldErrors } from "@/lib/validation";

/** Largest JSON body any endpoint accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

const PER_USER_HEADERS = { "Cache-Control": "private, no-store" } as const;

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: PER_USER_HEADERS });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: PER_USER_HEADERS });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof z.ZodError) return errorResponse(new Invalid("Invalid input", fieldErrors(error)));
  if (isUnreachable(error)) return errorResponse(new Unavailable());
  if (isDataException(error)) {
    console.warn("A value reached the database unchecked", error);
    return errorResponse(new Invalid("Invalid input", [{ field: "body", message: "A value could not be stored" }]));
  }
  if (error instanceof DomainError) {
    const headers: Record<string, string> = { ...PER_USER_HEADERS };
    if (error.status === 401) headers["WWW-Authenticate"] = 'Bearer realm="api"';
    if (error.status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
    const body = error.errors ? { detail: error.message, errors: error.errors } : { detail: error.message };
    return Response.json(body, { status: error.status, headers });
  }
  console.error("Unhandled error in API route", error);
  return Response.json({ detail: "Internal server error" }, { status: 500, headers: PER_USER_HEADERS });
}

/**
 * The viewer of a Bearer token. The API ignores cookies: no token, no access. Under
 * REQUIRE_ADMIN_MFA, an admin's or superuser's token answers 403 until its owner enrols, whatever
 * the route and whatever the token's limits (tokens made before the setting included).
 */
export async function authenticateBearer(request: Request): Promise<Viewer> {
  const header = request.headers.get("authorization");
  if (!header) throw new Unauthenticated("Missing bearer token");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1] || !isWellFormedToken(match[1])) throw new Unauthenticated("Malformed bearer token");
  const { db, timeouts } = await getDatabase();
  const hash = hashToken(match[1]);
  const viewer = await withDeadline(timeouts, () => loadViewerByTokenHash(db, hash));
  if (!viewer) throw new Unauthenticated("Invalid, expired or revoked token");
  requireMfaForAdmins(viewer);
  return viewer;
}

/** Reads a JSON body of bounded size and validates it; every failure is a 4xx. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLarge(MAX_BODY_BYTES);
  const text = await readBounded(request);
  let body: unknown;
  try {
    body = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    throw new Invalid("Malformed JSON body", [{ field: "body", message: "The body is not valid JSON" }]);
  }
  assertStorable(body);
  const result = schema.safeParse(body);
  if (!result.success) throw new Invalid("Invalid input", fieldErrors(result.error));
  return result.data;
}

async function readBounded(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new PayloadTooLarge(MAX_BODY_BYTES);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export interface ApiContext<P> {
  request: NextRequest;
  viewer: Viewer;
  params: P;
}

/**
 * Wraps a route handler: authenticates the Bearer token, resolves the params, maps every known
 * error to its status, and marks the answer as per-user.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const viewer = await authenticateBearer(request);
      const params = await context.params;
      assertStorable(params, "Invalid path");
      const response = await handler({ request, viewer, params });
      if (!response.headers.has("Cache-Control"))
        response.headers.set("Cache-Control", PER_USER_HEADERS["Cache-Control"]);
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Query-string parameters as a plain object, for zod. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** A CSV file to save, never cached, never sniffed as anything else. */
export function csvAttachment(body: ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
