import "server-only";
import { requireMfaForAdmins } from "@/lib/auth/mfa-policy";
import type { Viewer } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import type { Action, Resource } from "./catalog";

// Every guard of the access console (its pages, server actions and the RBAC API) is one of the
// functions below, so each also applies REQUIRE_ADMIN_MFA: an admin or superuser without a second
// factor reaches none of it, whichever door they come through and whatever a page forgets.

/** The console's resources: reading them, an admin without a required second factor is refused. */
const CONSOLE_RESOURCES: ReadonlySet<Resource> = new Set(["user", "role", "permission", "audit_log"]);

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
  requireMfaForAdmins(viewer);
}

/** Any signed-in viewer may read the roles catalogue; an admin who must enrol first may not. */
export function requireConsoleReader(viewer: Viewer): void {
  requireMfaForAdmins(viewer);
}

/** The viewer themselves (their id in any letter case) or an admin. */
export function requireSelfOrAdmin(viewer: Viewer, userId: string): void {
  requireMfaForAdmins(viewer);
  if (viewer.id !== userId.toLowerCase() && !isAdmin(viewer)) {
    throw new Forbidden("You may only view your own permissions and account");
  }
}

export function requirePermission(viewer: Viewer, resource: Resource, action: Action): void {
  if (CONSOLE_RESOURCES.has(resource)) requireMfaForAdmins(viewer);
  if (!viewer.can(resource, action)) throw new Forbidden(`Requires ${resource}:${action}`);
}
