"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type ScrollAreaProps = {
  className?: string;
  /** Names the scrolling region for keyboard users, who reach it with Tab and scroll it with arrows. */
  label?: string;
  /** The line shown when the content overflows; null for the fading edge alone (a strip of links). */
  hint?: string | null;
  children: ReactNode;
};

/**
 * A box that scrolls sideways when its content is wider than the screen, and then says so: a line
 * above the content and a fade on the edge that hides more. Content that fits gets neither.
 */
export function ScrollArea({ className, label, hint = "Scroll sideways for more columns", children }: ScrollAreaProps) {
  const box = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState({ wider: false, atStart: true, atEnd: true });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const wider = element.scrollWidth > element.clientWidth + 1;
      const atStart = element.scrollLeft <= 1;
      const atEnd = element.scrollLeft + element.clientWidth >= element.scrollWidth - 1;
      setOverflow((old) =>
        old.wider === wider && old.atStart === atStart && old.atEnd === atEnd ? old : { wider, atStart, atEnd },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
    };
  }, []);

  return (
    <div className="relative w-full min-w-0" data-scroll-area={overflow.wider ? "overflowing" : "fits"}>
      {overflow.wider && hint && (
        <p data-scroll-hint className="px-3 pt-2 text-xs text-muted-foreground">
          <span aria-hidden>⇆ </span>
          {hint}
        </p>
      )}
      <div
        ref={box}
        className={cn("relative w-full overflow-x-auto", className)}
        tabIndex={overflow.wider ? 0 : undefined}
        role={overflow.wider ? "region" : undefined}
        aria-label={overflow.wider ? (label ?? "Scrollable table") : undefined}
      >
        {children}
      </div>
      {overflow.wider && !overflow.atEnd && (
        <div
          aria-hidden
          data-scroll-fade
          className="pointer-events-none absolute inset-y-0 right-0 w-8 bg-linear-to-l from-background to-transparent"
        />
      )}
      {overflow.wider && !overflow.atStart && (
        <div
          aria-hidden
          data-scroll-fade
          className="pointer-events-none absolute inset-y-0 left-0 w-8 bg-linear-to-r from-background to-transparent"
        />
      )}
    </div>
  );
}
