import Link from "next/link";
import type { ReactNode } from "react";
import { ScrollArea } from "@/components/ui/scroll-area";
import { NavLink } from "./nav-link";

export type NavItem = { href: string; label: string; section?: string };

type AppShellProps = {
  nav: NavItem[];
  user: { name: string; username: string; roleLabel: string };
  /** The caller's sign-out form, so the shell stays free of actions. */
  signOut: ReactNode;
  /** The colour theme switch, beside sign-out. */
  themeToggle?: ReactNode;
  /** Shown above the page content, e.g. a "viewing as" notice. */
  banner?: ReactNode;
  children: ReactNode;
};

/** Consecutive items with the same section form one group, in the order given. */
function groupBySection(nav: NavItem[]) {
  const groups: { section: string | undefined; items: NavItem[] }[] = [];
  for (const item of nav) {
    const last = groups.at(-1);
    if (last && last.section === item.section) last.items.push(item);
    else groups.push({ section: item.section, items: [item] });
  }
  return groups;
}

export function AppShell({ nav, user, signOut, themeToggle, banner, children }: AppShellProps) {
  const allHrefs = nav.map((item) => item.href);

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-md bg-background text-sm font-medium shadow-lg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>

      <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-4 border-b bg-background px-4 md:px-6">
        <Link href="/" className="rounded-sm text-base font-semibold tracking-tight text-foreground">
          Ledgerline
        </Link>
        <div className="flex min-w-0 items-center gap-3">
          <div className="min-w-0 text-right leading-tight">
            <p className="truncate text-sm font-medium">{user.name}</p>
            <p className="truncate text-xs text-muted-foreground">
              {user.roleLabel} · {user.username}
            </p>
          </div>
          {themeToggle}
          {signOut}
        </div>
      </header>

      <div className="md:flex">
        <nav
          aria-label="Main"
          className="sticky top-14 z-20 border-b bg-background md:h-[calc(100dvh-3.5rem)] md:self-start md:w-56 md:shrink-0 md:overflow-y-auto md:border-r md:border-b-0"
        >
          <ScrollArea hint={null} label="Main navigation (scrolls sideways)" className="md:overflow-visible">
            <div className="flex gap-1 px-2 py-2 md:flex-col md:gap-5 md:px-3 md:py-4">
              {groupBySection(nav).map((group, index) => {
                const headingId = group.section ? `nav-section-${index}` : undefined;
                return (
                  <div key={`${group.section ?? ""}-${index}`} className="shrink-0">
                    {group.section && (
                      <p
                        id={headingId}
                        className="hidden px-3 pb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase md:block"
                      >
                        {group.section}
                      </p>
                    )}
                    <ul aria-labelledby={headingId} className="flex gap-1 md:flex-col">
                      {group.items.map((item) => (
                        <li key={item.href}>
                          <NavLink href={item.href} allHrefs={allHrefs}>
                            {item.label}
                          </NavLink>
                        </li>
                      ))}
                    </ul>
                  </div>
                );
              })}
            </div>
          </ScrollArea>
        </nav>

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          <div className="mx-auto grid max-w-6xl gap-6 px-4 py-6 md:px-8">
            {banner}
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}
