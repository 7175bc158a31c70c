import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { mustEnrolFirst, SECURITY_PATH } from "@/lib/auth/mfa-policy";
import { requireViewer } from "@/lib/auth/viewer";

/**
 * With REQUIRE_ADMIN_MFA, an admin or superuser without two-factor sign-in is sent to turn it on
 * before any admin page renders; the admin server actions refuse them too (console-action.ts).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (await mustEnrolFirst(viewer)) redirect(`${SECURITY_PATH}?required=admin`);
  return children;
}
