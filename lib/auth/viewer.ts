import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { REQUESTED_PATH_HEADER, signInPath } from "@/lib/navigation";
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
  return loadViewerById(await getDb(), userId, session.sessionVersion ?? -1);
});

/** The viewer, or a redirect to sign-in that comes back to the page asked for. For pages and layouts. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath((await headers()).get(REQUESTED_PATH_HEADER)));
  return viewer;
}

/** The viewer holding (resource, action), or the 403 page. For pages. */
export async function requirePermission(resource: Resource, action: Action): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!viewer.can(resource, action)) forbidden();
  return viewer;
}
