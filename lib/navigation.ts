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
  { href: "/reports", label: "Reports", requires: ["report", "list"] },
  { href: "/flags", label: "Feature flags", section: "Releases", requires: ["feature_flag", "list"] },
  { href: "/admin/roles", label: "Roles", section: "Access", requires: ["role", "read"] },
  { href: "/admin/users", label: "Users", section: "Access", requires: ["user", "list"] },
  { href: "/admin/expiring", label: "Expiring soon", section: "Access", requires: ["permission", "read"] },
  { href: "/admin/audit", label: "Audit log", section: "Access", requires: ["audit_log", "list"] },
  { href: "/admin/access-requests", label: "Access requests", section: "Access", requires: ["permission", "update"] },
  { href: "/account", label: "Sessions and password", section: "Account" },
  { href: "/account/tokens", label: "API tokens", section: "Account" },
  { href: "/access/requests", label: "Your requests", section: "Account" },
];

export function navigationFor(viewer: { can(resource: Resource, action: Action): boolean }): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.requires || viewer.can(...item.requires));
}

/** What a page demands: a permission, or being an admin (the console's editors). */
export type PageRequirement = { permission: [Resource, Action] } | { admin: true };

const PAGE_REQUIREMENTS: { path: RegExp; requires: PageRequirement }[] = [
  { path: /^\/sales\/export(\/|$)/, requires: { permission: ["export", "read"] } },
  { path: /^\/sales\/new$/, requires: { permission: ["sale", "create"] } },
  { path: /^\/sales\/[^/]+$/, requires: { permission: ["sale", "read"] } },
  { path: /^\/sales$/, requires: { permission: ["sale", "list"] } },
  { path: /^\/reports$/, requires: { permission: ["report", "list"] } },
  { path: /^\/flags$/, requires: { permission: ["feature_flag", "list"] } },
  { path: /^\/admin\/roles\/new$/, requires: { admin: true } },
  { path: /^\/admin\/roles(\/|$)/, requires: { permission: ["role", "read"] } },
  { path: /^\/admin\/users\/[^/]+\/view-as$/, requires: { admin: true } },
  { path: /^\/admin\/users(\/|$)/, requires: { permission: ["user", "list"] } },
  { path: /^\/admin\/expiring$/, requires: { permission: ["permission", "read"] } },
  { path: /^\/admin\/audit(\/|$)/, requires: { permission: ["audit_log", "list"] } },
  { path: /^\/admin\/access-requests(\/|$)/, requires: { permission: ["permission", "update"] } },
];

/** What the page at `address` (a path, maybe with a query) demands, for the 403 page to name; null if unknown. */
export function pageRequirement(address: string | null | undefined): PageRequirement | null {
  const path = (address ?? "").split(/[?#]/)[0]!.replace(/\/+$/, "") || "/";
  return PAGE_REQUIREMENTS.find((page) => page.path.test(path))?.requires ?? null;
}

/**
 * The header through which proxy.ts tells server code which address was asked for, so that a
 * sign-in demanded on the way can come back to it.
 */
export const REQUESTED_PATH_HEADER = "x-requested-path";

/** Only same-site paths: an open redirect after sign-in would hand the session to phishing pages. */
export function safeReturnPath(value: unknown): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

/** Where to send someone who must sign in first: the sign-in page, with the way back. */
export function signInPath(returnTo: string | null | undefined): string {
  const path = safeReturnPath(returnTo);
  return path === "/" || path.startsWith("/login") ? "/login" : `/login?callbackUrl=${encodeURIComponent(path)}`;
}

/** The page that answers 503 while the database is unavailable, with the way back to `returnTo`. */
export function unavailablePath(returnTo: string | null | undefined): string {
  const path = safeReturnPath(returnTo);
  return path === "/" || path.startsWith("/unavailable")
    ? "/unavailable"
    : `/unavailable?from=${encodeURIComponent(path)}`;
}

/** Where a sign-out lands when its session's record could not be closed: the sign-in page says so. */
export const SIGNED_OUT_PARTLY_PATH = "/login?signed_out=partly";

// The admin console's URLs, shared by its pages, links and server actions.

export const ROLES_PATH = "/admin/roles";
export const USERS_PATH = "/admin/users";
export const AUDIT_PATH = "/admin/audit";
export const EXPIRING_PATH = "/admin/expiring";
/** Every user page, as a route pattern for revalidatePath. */
export const EVERY_USER_PATH = "/admin/users/[id]";

export const rolePath = (name: string) => `${ROLES_PATH}/${encodeURIComponent(name)}`;
export const userPath = (id: string) => `${USERS_PATH}/${encodeURIComponent(id)}`;
/** A user's preview page; with the id of a preview the admin started, the preview itself. */
export const viewAsPath = (id: string, previewId?: string) =>
  `${userPath(id)}/view-as${previewId ? `?preview=${encodeURIComponent(previewId)}` : ""}`;
