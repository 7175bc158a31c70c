import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";

export type AlertVariant = "info" | "success" | "warning" | "error";

const variants: Record<AlertVariant, string> = {
  info: "border-accent/25 bg-accent-soft text-foreground",
  success: "border-success/25 bg-success-soft text-success",
  warning: "border-warning/25 bg-warning-soft text-warning",
  error: "border-danger/25 bg-danger-soft text-danger",
};

type AlertProps = Omit<ComponentProps<"div">, "title"> & { variant?: AlertVariant; title?: ReactNode };

/** Errors interrupt a screen reader ("alert"); everything else waits its turn ("status"). */
export function Alert({ variant = "info", title, className, children, ...props }: AlertProps) {
  return (
    <div
      role={variant === "error" ? "alert" : "status"}
      className={cn("grid gap-1 rounded-md border px-4 py-3 text-sm", variants[variant], className)}
      {...props}
    >
      {title && <p className="font-semibold">{title}</p>}
      {children && <div>{children}</div>}
    </div>
  );
}
