import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";

type EmptyStateProps = Omit<ComponentProps<"div">, "title"> & {
  title: ReactNode;
  description?: ReactNode;
  /** Actions such as a "New sale" button or a "Clear filters" link. */
  children?: ReactNode;
};

export function EmptyState({ title, description, className, children, ...props }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "grid justify-items-center gap-2 rounded-lg border border-dashed px-6 py-12 text-center",
        className,
      )}
      {...props}
    >
      <p className="text-base font-semibold text-foreground">{title}</p>
      {description && <p className="max-w-prose text-sm text-muted-foreground">{description}</p>}
      {children && <div className="mt-2 flex flex-wrap justify-center gap-2">{children}</div>}
    </div>
  );
}
