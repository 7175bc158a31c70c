"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/** From this width up the panel starts open; below it (phones) it starts closed, so rows come first. */
const WIDE = "(min-width: 48rem)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

type FilterPanelProps = {
  id: string;
  /** How many filters are on, shown on the toggle. */
  activeCount: number;
  /** Open whatever the width, e.g. when the panel holds a message about the filters. */
  startOpen?: boolean;
  /** Shown beside the toggle whether the panel is open or not: the active filters' chips. */
  summary?: ReactNode;
  children: ReactNode;
};

/**
 * The filter form behind a toggle. Until someone uses the toggle, CSS decides (open on a wide
 * screen, closed on a phone), so the server's HTML already looks right before any script runs.
 */
export function FilterPanel({ id, activeCount, startOpen = false, summary, children }: FilterPanelProps) {
  const [chosen, setChosen] = useState<boolean | undefined>(startOpen ? true : undefined);
  const wide = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => true,
  );
  const open = chosen ?? wide;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setChosen(!open)}
        >
          <span aria-hidden>{open ? "▾" : "▸"}</span>
          Filters
          {activeCount > 0 && (
            <span className="rounded-full bg-accent px-1.5 text-xs text-accent-foreground">
              {activeCount}
              <span className="sr-only"> on</span>
            </span>
          )}
        </Button>
        {summary}
      </div>
      <div id={id} className={cn(chosen === undefined ? "max-md:hidden" : !chosen && "hidden")}>
        {children}
      </div>
    </div>
  );
}
