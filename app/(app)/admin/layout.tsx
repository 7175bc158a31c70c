import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ENROL_FIRST_PATH, mustEnrolFirst } from "@/lib/auth/mfa-policy";
import { requireViewer } from "@/lib/auth/viewer";

/**
 * With REQUIRE_ADMIN_MFA, an admin or superuser without two-factor sign-in is sent to turn it on
 * before any admin page renders. This is the courtesy; the refusal itself is in lib/rbac/access.ts,
 * which every admin page, action and RBAC route goes through.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (mustEnrolFirst(viewer)) redirect(ENROL_FIRST_PATH);
  return children;
}
