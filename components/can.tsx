import type { ReactNode } from "react";
import type { Action, Resource } from "@/lib/rbac/catalog";
import type { PermissionMap } from "@/lib/rbac/resolve";

export function can(permissions: PermissionMap, resource: Resource, action: Action): boolean {
  return permissions[resource]?.includes(action) ?? false;
}

interface CanProps {
  /** The viewer's effective permissions (`viewer.permissions.permissions()`), serialisable for client components. */
  permissions: PermissionMap;
  resource: Resource;
  action: Action;
  /** hide (default): render nothing; disable: render the children with their controls disabled. */
  mode?: "hide" | "disable";
  fallback?: ReactNode;
  children: ReactNode;
}

/**
 * Renders, hides or disables its children by (resource, action). A convenience for the eye only:
 * every server action and route checks the viewer again.
 */
export function Can({ permissions, resource, action, mode = "hide", fallback = null, children }: CanProps) {
  if (can(permissions, resource, action)) return <>{children}</>;
  if (mode === "hide") return <>{fallback}</>;
  return (
    <fieldset disabled className="contents" title={`Requires ${resource}:${action}`}>
      {children}
    </fieldset>
  );
}
