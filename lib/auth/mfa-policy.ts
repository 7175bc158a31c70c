import "server-only";
import { Forbidden } from "@/lib/errors";
import { secondFactorStatus } from "./mfa";
import type { Viewer } from "./principal";

export const SECURITY_PATH = "/account/security";

/** REQUIRE_ADMIN_MFA=true: admins and superusers turn on two-factor sign-in before they administer. */
export function adminMfaRequired(value = process.env.REQUIRE_ADMIN_MFA): boolean {
  return value === "true" || value === "1";
}

/** Whether this viewer must turn on two-factor sign-in before reaching the admin pages. */
export async function mustEnrolFirst(viewer: Viewer): Promise<boolean> {
  if (!adminMfaRequired() || !(viewer.isSuperuser || viewer.baseRole === "admin")) return false;
  return (await secondFactorStatus(viewer)).enabledAt === null;
}

/** For admin server actions and token creation: refuses (403) until the viewer has enrolled. */
export async function requireMfaForAdmins(viewer: Viewer): Promise<void> {
  if (await mustEnrolFirst(viewer)) {
    throw new Forbidden(`Turn on two-factor sign-in first (${SECURITY_PATH}): it is required for admins`);
  }
}
