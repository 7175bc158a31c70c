import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { controlClass } from "./input";

/** A native <select>: pass <option> elements as children. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClass, "select-chevron h-9 appearance-none pr-8", className)} {...props} />;
}
