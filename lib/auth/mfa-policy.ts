import "server-only";
import { Forbidden } from "@/lib/errors";
import type { Viewer } from "./principal";

export const SECURITY_PATH = "/account/security";
/** Where an admin page sends an admin who must enrol first. */
export const ENROL_FIRST_PATH = `${SECURITY_PATH}?required=admin`;

/** REQUIRE_ADMIN_MFA=true: admins and superusers turn on two-factor sign-in before they administer. */
export function adminMfaRequired(value = process.env.REQUIRE_ADMIN_MFA): boolean {
  return value === "true" || value === "1";
}

/** Whether this viewer must turn on two-factor sign-in before administering or using an API token. */
export function mustEnrolFirst(viewer: Pick<Viewer, "isSuperuser" | "baseRole" | "secondFactorOn">): boolean {
  return adminMfaRequired() && (viewer.isSuperuser || viewer.baseRole === "admin") && !viewer.secondFactorOn;
}

/** 403 for an admin or superuser who must enrol first: pages send them to SECURITY_PATH instead. */
export class EnrolmentRequired extends Forbidden {
  constructor() {
    super(`Turn on two-factor sign-in first (${SECURITY_PATH}): it is required for admins and superusers`);
  }
}

/**
 * Refuses an admin or superuser without a second factor under REQUIRE_ADMIN_MFA. Called by the
 * RBAC guards (lib/rbac/access.ts), the Bearer token check (lib/http.ts) and token creation.
 */
export function requireMfaForAdmins(viewer: Pick<Viewer, "isSuperuser" | "baseRole" | "secondFactorOn">): void {
  if (mustEnrolFirst(viewer)) throw new EnrolmentRequired();
}
