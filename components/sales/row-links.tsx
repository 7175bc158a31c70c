"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { formatDay } from "@/lib/format";
import { useDisplaySettings } from "@/components/ui/local-time";

function isPlainClick(event: MouseEvent<HTMLElement>): boolean {
  return !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey;
}

/**
 * Where a click inside the rows goes: a row's link's own address, or, for a click on a row's text
 * (not a selection being made), the row's; null for anything else (other links do their own).
 */
function addressOf(event: MouseEvent<HTMLElement>): string | null {
  if (!isPlainClick(event) || event.altKey) return null;
  const target = event.target as Element;
  const link = target.closest("a");
  if (link) return link.closest("[data-rows]") ? link.getAttribute("href") : null;
  if (target.closest("button, input, select, textarea, label")) return null;
  if (window.getSelection()?.toString()) return null;
  return target.closest<HTMLElement>("[data-href]")?.dataset.href ?? null;
}

/**
 * What next/link and a row's click handler would give rows the server wrote as markup
 * (components/sales/sale-rows.ts, inside an element marked `data-rows`): a plain click on a link, or anywhere on a row, navigates inside
 * the app; a link is fetched ahead when the pointer or the focus reaches it; each date is redrawn
 * in the viewer's locale. A row's customer link stays its one focus stop for the keyboard.
 */
export function RowLinks({ children }: { children: ReactNode }) {
  const router = useRouter();
  const settings = useDisplaySettings();
  const area = useRef<HTMLDivElement>(null);
  const fetched = useRef(new Set<string>());

  // After every render: the server's next rows arrive as new children, each time in its own format.
  useEffect(() => {
    for (const time of area.current?.querySelectorAll<HTMLTimeElement>("[data-rows] time") ?? []) {
      time.textContent = formatDay(time.dateTime, settings);
    }
  });

  const prefetch = (target: EventTarget) => {
    const href = (target as Element).closest("[data-rows] a")?.getAttribute("href");
    if (!href || fetched.current.has(href)) return;
    fetched.current.add(href);
    router.prefetch(href);
  };

  return (
    // The keyboard has each row's link; this only widens the mouse's target to the whole row.
    <div
      ref={area}
      onClick={(event) => {
        const href = addressOf(event);
        if (!href) return;
        event.preventDefault();
        router.push(href);
      }}
      onPointerOver={(event) => prefetch(event.target)}
      onFocus={(event) => prefetch(event.target)}
    >
      {children}
    </div>
  );
}
