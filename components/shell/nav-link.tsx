"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

type NavLinkProps = {
  href: string;
  /** Every href in the navigation, so only the closest match is active (/admin vs /admin/roles). */
  allHrefs: string[];
  children: ReactNode;
};

function matches(pathname: string, href: string) {
  return pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
}

export function NavLink({ href, allHrefs, children }: NavLinkProps) {
  const pathname = usePathname();
  const best = allHrefs.filter((candidate) => matches(pathname, candidate)).sort((a, b) => b.length - a.length)[0];
  const active = best === href;

  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      // On narrow screens the nav is a horizontal strip; keep the current page in view.
      ref={active ? (link) => link?.scrollIntoView({ block: "nearest", inline: "nearest" }) : undefined}
      className={cn(
        "block rounded-md px-3 py-1.5 text-sm whitespace-nowrap transition-colors",
        active
          ? "bg-accent-soft font-medium text-accent"
          : "text-muted-foreground hover:bg-muted hover:text-foreground",
      )}
    >
      {children}
    </Link>
  );
}
