import Link from "next/link";
import type { ComponentType, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { buttonClass } from "./button";

type PaginationProps = {
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
  /** The path the links point to, e.g. "/sales". */
  basePath: string;
  /** The page's current search params; every one but `page` is kept in the links. */
  searchParams: Record<string, string | string[] | undefined>;
  /** How many rows come before this page, when it was not reached by its number (a cursor's page). */
  offset?: number;
  /** Where Next goes instead of the next page number (e.g. a keyset cursor); null on the last page. */
  nextHref?: string | null;
  className?: string;
  /** The link component to render, e.g. one that keeps the old page on screen while the next loads. */
  linkAs?: LinkComponent;
};

type LinkComponent = ComponentType<{
  href: string;
  className?: string;
  "aria-label"?: string;
  "aria-current"?: "page";
  children: ReactNode;
}>;

const numberFormat = new Intl.NumberFormat("en-US");

/** Links, not buttons: the page number lives in the URL, so a server component can render this. */
export function Pagination({
  page,
  pageSize,
  total,
  basePath,
  searchParams,
  offset = (page - 1) * pageSize,
  nextHref,
  className,
  linkAs = Link,
}: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = offset + 1;
  const last = Math.min(offset + pageSize, total);

  function hrefFor(target: number) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(searchParams)) {
      if (key === "page" || value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
    }
    params.set("page", String(target));
    return `${basePath}?${params.toString()}`;
  }

  return (
    <div className={cn("flex flex-wrap items-center justify-between gap-3 text-sm", className)}>
      <p className="text-muted-foreground">
        {total === 0 || first > total
          ? `No rows on this page (${numberFormat.format(total)} in total)`
          : `Showing ${numberFormat.format(first)}–${numberFormat.format(last)} of ${numberFormat.format(total)}`}
      </p>
      {pageCount > 1 && (
        <nav aria-label="Pagination">
          <ul className="flex flex-wrap items-center gap-1">
            <li>
              <PageLink as={linkAs} href={page > 1 ? hrefFor(page - 1) : undefined}>
                Previous
              </PageLink>
            </li>
            {pageWindow(page, pageCount).map((item, index) =>
              item === "gap" ? (
                <li key={`gap-${index}`} aria-hidden className="px-1 text-muted-foreground">
                  …
                </li>
              ) : (
                <li key={item}>
                  <PageLink as={linkAs} href={hrefFor(item)} current={item === page} label={`Page ${item}`}>
                    {item}
                  </PageLink>
                </li>
              ),
            )}
            <li>
              <PageLink
                as={linkAs}
                href={
                  nextHref !== undefined ? (nextHref ?? undefined) : page < pageCount ? hrefFor(page + 1) : undefined
                }
              >
                Next
              </PageLink>
            </li>
          </ul>
        </nav>
      )}
    </div>
  );
}

type PageLinkProps = {
  as: LinkComponent;
  href: string | undefined;
  current?: boolean;
  label?: string;
  children: ReactNode;
};

/** Without an href the link is at an end of the list: rendered as a disabled-looking, non-focusable span. */
function PageLink({ as: LinkAs, href, current = false, label, children }: PageLinkProps) {
  const className = buttonClass({ variant: current ? "primary" : "outline", size: "sm", className: "min-w-8 px-2.5" });
  if (!href) {
    return (
      <span aria-disabled="true" className={className}>
        {children}
      </span>
    );
  }
  return (
    <LinkAs href={href} aria-label={label} aria-current={current ? "page" : undefined} className={className}>
      {children}
    </LinkAs>
  );
}

/** The first, last, current and neighbouring pages; a gap of one page shows that page instead of "…". */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...shown].sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  for (const n of sorted) {
    const previous = items.at(-1);
    if (typeof previous === "number" && n - previous === 2) items.push(previous + 1);
    else if (typeof previous === "number" && n - previous > 2) items.push("gap");
    items.push(n);
  }
  return items;
}
