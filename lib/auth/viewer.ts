import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase, withDeadline } from "@/db/client";
import { Forbidden, Invalid, NotFound, Unavailable } from "@/lib/errors";
import { REQUESTED_PATH_HEADER, signInPath, unavailablePath } from "@/lib/navigation";
import { requirePermission } from "@/lib/rbac/access";
import type { Action, Resource } from "@/lib/rbac/catalog";
import { uuidSchema } from "@/lib/validation";
import { readSessionCookie } from "./session-cookie";
import { ENROL_FIRST_PATH, EnrolmentRequired } from "./mfa-policy";
import { loadViewerBySession, type Viewer } from "./principal";
import { sessionSettings } from "./sessions";

/**
 * The signed-in viewer of this request (session cookie), or null. Cached per request, re-read from
 * the database on every request with its session row: a disabled user, an ended session or a
 * revoked role applies at once.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await readSessionCookie();
  if (!session || !uuidSchema.safeParse(session.sessionId).success) return null;
  const { userId, sessionId, sessionVersion } = session;
  const { db, timeouts } = await getDatabase();
  const { idleMinutes } = sessionSettings();
  return withDeadline(timeouts, () => loadViewerBySession(db, userId, sessionId, sessionVersion, idleMinutes));
});

/** The id of this request's session (its row in user_sessions), or null. */
export async function currentSessionId(): Promise<string | null> {
  return (await readSessionCookie())?.sessionId ?? null;
}

/**
 * The viewer, or a redirect to sign-in that comes back to the page asked for; while the database
 * is unavailable, a redirect to the 503 page, which offers the way back. For pages and layouts.
 */
export async function requireViewer(): Promise<Viewer> {
  const requested = (await headers()).get(REQUESTED_PATH_HEADER);
  let viewer: Viewer | null;
  try {
    viewer = await getViewer();
  } catch (error) {
    if (error instanceof Unavailable) redirect(unavailablePath(requested));
    throw error;
  }
  if (!viewer) redirect(signInPath(requested));
  return viewer;
}

/**
 * The viewer holding (resource, action) by the same guard as lib/rbac's functions, or the 403
 * page; an admin who must turn on two-factor sign-in first (REQUIRE_ADMIN_MFA) is sent to do so.
 * For pages.
 */
export async function requirePagePermission(resource: Resource, action: Action): Promise<Viewer> {
  const viewer = await requireViewer();
  guardPage(() => requirePermission(viewer, resource, action));
  return viewer;
}

/**
 * A domain error as the page it stands for: a missing record, or an id in the address that is no
 * id, is the 404 page; a refusal is the 403 page, or enrolment first for an admin who must turn on
 * two-factor sign-in. Anything else is left to the error boundary.
 */
function pageFor(error: unknown): never {
  if (error instanceof NotFound || error instanceof Invalid) notFound();
  if (error instanceof EnrolmentRequired) redirect(ENROL_FIRST_PATH);
  if (error instanceof Forbidden) forbidden();
  throw error;
}

/** Runs a lib/ guard for a page, its refusal as the 403 page. */
export function guardPage(guard: () => void): void {
  try {
    guard();
  } catch (error) {
    pageFor(error);
  }
}

/** A page's read of what its address names, its domain errors as the 404 or 403 page. */
export async function readForPage<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    pageFor(error);
  }
}
