import "server-only";
import type { Viewer } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import type { Action, Resource } from "./catalog";

/**
 * Who may change RBAC: a base-role admin or a superuser (DESIGN, "Who may change RBAC"). An API
 * token limited to some permissions acts with those permissions only, never with its owner's standing.
 */
export function isAdmin(viewer: Viewer): boolean {
  if (viewer.apiToken && viewer.apiToken.limits.permissions !== null) return false;
  return viewer.isSuperuser || viewer.baseRole === "admin";
}

export function requireAdmin(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw new Forbidden("Only an admin may change roles, assignments and grants");
}

/** The viewer himself (his id in any letter case) or an admin. */
export function requireSelfOrAdmin(viewer: Viewer, userId: string): void {
  if (viewer.id !== userId.toLowerCase() && !isAdmin(viewer)) {
    throw new Forbidden("You may only view your own permissions and account");
  }
}

export function requirePermission(viewer: Viewer, resource: Resource, action: Action): void {
  if (!viewer.can(resource, action)) throw new Forbidden(`Requires ${resource}:${action}`);
}
