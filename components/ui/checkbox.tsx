import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A native checkbox; wrap it in a <Label> (or give it an id) so its text is clickable. */
export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={cn(
        "size-4 shrink-0 rounded border-input accent-accent disabled:cursor-not-allowed disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
