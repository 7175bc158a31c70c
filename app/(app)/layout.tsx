import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { DecisionNotice } from "@/components/access/decision-notice";
import { AppShell } from "@/components/shell/app-shell";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/auth/config";
import { endSessionForSignOut } from "@/lib/auth/sessions";
import { currentSessionId, requireViewer } from "@/lib/auth/viewer";
import { navigationFor, SIGNED_OUT_PARTLY_PATH } from "@/lib/navigation";
import { unseenDecisions } from "@/lib/rbac/service";
import { THEME_COOKIE, parseTheme } from "@/lib/theme";

// Per-user pages: never prerendered, never cached.
export const dynamic = "force-dynamic";

async function signOutAction() {
  "use server";
  // Signing out ends the session row too: a copy of the cookie is worthless from now on. The
  // cookie is cleared even when that fails, and the sign-in page says the record stayed open.
  const ended = await endSessionForSignOut(await currentSessionId());
  await signOut({ redirectTo: ended ? "/login" : SIGNED_OUT_PARTLY_PATH });
}

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  // The shell's navigation only; every page checks its own permission again.
  const viewer = await requireViewer();
  // The outcome of the viewer's access requests, on the first page they load after the decision.
  const decisions = await unseenDecisions(viewer);
  const roleLabel = [viewer.isSuperuser ? "superuser" : viewer.baseRole, ...viewer.customRoles].join(" · ");
  return (
    <AppShell
      nav={navigationFor(viewer)}
      user={{ name: viewer.name, username: viewer.username, roleLabel }}
      themeToggle={<ThemeToggle initial={parseTheme((await cookies()).get(THEME_COOKIE)?.value)} />}
      signOut={
        <form action={signOutAction}>
          <Button type="submit" variant="ghost" size="sm">
            Sign out
          </Button>
        </form>
      }
    >
      <DecisionNotice decisions={decisions} />
      {children}
    </AppShell>
  );
}
