"use client";

import type { ComponentProps, KeyboardEvent } from "react";
import { cn } from "@/lib/cn";

/**
 * Enter on a native checkbox submits its form at once (implicit submission), which in a permission
 * matrix creates whatever was ticked so far. Here Enter toggles the box, as Space does.
 */
function toggleOnEnter(event: KeyboardEvent<HTMLInputElement>) {
  if (event.key !== "Enter") return;
  event.preventDefault();
  event.currentTarget.click();
}

/** A native checkbox; wrap it in a <Label> (or give it an id) so its text is clickable. */
export function Checkbox({ className, onKeyDown, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={cn(
        "size-4 shrink-0 rounded border-input accent-accent disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (!event.defaultPrevented) toggleOnEnter(event);
      }}
      {...props}
    />
  );
}
