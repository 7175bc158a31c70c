import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase, withDeadline } from "@/db/client";
import { Unavailable } from "@/lib/errors";
import { REQUESTED_PATH_HEADER, signInPath, unavailablePath } from "@/lib/navigation";
import type { Action, Resource } from "@/lib/rbac/catalog";
import { auth } from "./config";
import { loadViewerById, type Viewer } from "./principal";

export type { Viewer } from "./principal";

/**
 * The signed-in viewer of this request (session cookie), or null. Cached per request, re-read from
 * the database on every request: a disabled user, a changed password or a revoked role applies at once.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const { db, timeouts } = await getDatabase();
  return withDeadline(timeouts, () => loadViewerById(db, userId, session.sessionVersion ?? -1));
});

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

/** The viewer holding (resource, action), or the 403 page. For pages. */
export async function requirePermission(resource: Resource, action: Action): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!viewer.can(resource, action)) forbidden();
  return viewer;
}
