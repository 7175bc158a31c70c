import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A grey placeholder block; size it with className, e.g. `<Skeleton className="h-4 w-32" />`. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-border", className)} {...props} />;
}
