import Link from "next/link";
import { requestAccessHref } from "@/lib/rbac/access-request-paths";
import type { Action, Resource, Scope } from "@/lib/rbac/catalog";
import { cn } from "@/lib/cn";

type RequestAccessLinkProps = {
  resource: Resource;
  action: Action;
  scope?: Scope | null;
  /** What the link says; by default "Request access". */
  children?: string;
  className?: string;
};

/** Beside a control the viewer may not use: the request form, prefilled with exactly that permission. */
export function RequestAccessLink({ resource, action, scope, children, className }: RequestAccessLinkProps) {
  return (
    <Link
      href={requestAccessHref(resource, action, scope)}
      className={cn("text-sm font-medium text-accent underline-offset-4 hover:underline", className)}
      title={`Ask for ${resource}:${action}`}
    >
      {children ?? "Request access"}
    </Link>
  );
}
