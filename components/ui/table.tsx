import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { ScrollArea } from "./scroll-area";

type TableProps = ComponentProps<"table"> & {
  /** Classes of the scrolling wrapper, e.g. a maximum height for a sticky header. */
  containerClassName?: string;
};

/** The wrapper scrolls sideways, and says so, so a wide table never widens the page. */
export function Table({ className, containerClassName, ...props }: TableProps) {
  const label = props["aria-label"];
  return (
    <ScrollArea className={containerClassName} label={label ? `${label} (scrolls sideways)` : undefined}>
      <table className={cn("w-full caption-bottom border-collapse text-sm", className)} {...props} />
    </ScrollArea>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-muted/60 [&_tr]:border-b", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return <tfoot className={cn("border-t-2 bg-muted font-medium", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("border-b transition-colors hover:bg-muted/40", className)} {...props} />;
}

export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-10 px-3 text-left align-middle font-medium whitespace-nowrap text-muted-foreground",
        // A row's header stays pinned while the row scrolls sideways, so a cell is never read without it.
        scope === "row" && "sticky left-0 z-[1] bg-background",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-3 py-2.5 align-middle", className)} {...props} />;
}

export function TableCaption({ className, ...props }: ComponentProps<"caption">) {
  return <caption className={cn("mt-3 text-sm text-muted-foreground", className)} {...props} />;
}
