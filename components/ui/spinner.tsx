import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

type SpinnerProps = ComponentProps<"span"> & {
  /** Announced to screen readers. Leave it out when something else already says "busy" (a button's aria-busy). */
  label?: string;
};

export function Spinner({ label, className, ...props }: SpinnerProps) {
  return (
    <span
      role={label ? "status" : undefined}
      aria-hidden={label ? undefined : true}
      className={cn("inline-flex items-center", className)}
      {...props}
    >
      <span className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-[spin_1.5s_linear_infinite]" />
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}
