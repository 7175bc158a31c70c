import type { Action, Resource } from "@/lib/rbac/catalog";

export interface NavItem {
  href: string;
  label: string;
  section?: string;
  /** The permission the page itself demands; the link shows only to its holders. */
  requires?: [Resource, Action];
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/sales", label: "Sales", requires: ["sale", "list"] },
  { href: "/admin/roles", label: "Roles", section: "Access", requires: ["role", "read"] },
  { href: "/admin/users", label: "Users", section: "Access", requires: ["user", "list"] },
  { href: "/admin/audit", label: "Audit log", section: "Access", requires: ["audit_log", "list"] },
  { href: "/account/tokens", label: "API tokens", section: "Account" },
];

export function navigationFor(viewer: { can(resource: Resource, action: Action): boolean }): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.requires || viewer.can(...item.requires));
}
