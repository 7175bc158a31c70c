import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** Shared by Input, Select and Textarea so form controls line up. */
export const controlClass =
  "w-full rounded-md border border-input bg-background px-3 text-sm text-foreground shadow-xs " +
  "placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50 " +
  "aria-[invalid=true]:border-danger";

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      className={cn(
        controlClass,
        "h-9 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium",
        className,
      )}
      {...props}
    />
  );
}
