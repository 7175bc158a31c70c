// The permission model as data: resources, actions, row scopes and the four base roles.
// Adding a resource is one line in RESOURCES (and in ROW_SCOPED_RESOURCES if its rows have owners).

export const RESOURCES = [
  "experiment",
  "feature_flag",
  "user",
  "role",
  "permission",
  "report",
  "audit_log",
  "export",
  "sale",
] as const;

/** Each resource in words, for pages and audit sentences. */
export const RESOURCE_LABELS: Record<(typeof RESOURCES)[number], string> = {
  experiment: "Experiments",
  feature_flag: "Feature flags",
  user: "Users",
  role: "Roles",
  permission: "Permissions",
  report: "Reports",
  audit_log: "Audit log",
  export: "Exports",
  sale: "Sales",
};

export const ACTIONS = ["create", "read", "update", "delete", "list"] as const;

/** Widest last: the order is used to pick the widest scope among layers. */
export const SCOPES = ["own", "team", "all"] as const;

/** Resources whose rows belong to an owner; their permissions carry a scope (default `own`). */
export const ROW_SCOPED_RESOURCES: readonly Resource[] = ["sale"];

/** Each scope in words. */
export const SCOPE_LABELS: Record<(typeof SCOPES)[number], string> = {
  own: "Own rows",
  team: "Team's rows",
  all: "All rows",
};

export const BASE_ROLES = ["admin", "developer", "analyst", "viewer"] as const;

export type Resource = (typeof RESOURCES)[number];
export type Action = (typeof ACTIONS)[number];
export type Scope = (typeof SCOPES)[number];
export type BaseRole = (typeof BASE_ROLES)[number];

export interface PermissionEntry {
  resource: Resource;
  actions: Action[];
  scope?: Scope;
}

const ALL_ACTIONS: Action[] = [...ACTIONS];

export const BASE_ROLE_PERMISSIONS: Record<BaseRole, PermissionEntry[]> = {
  admin: RESOURCES.map((resource) => ({
    resource,
    actions: ALL_ACTIONS,
    ...(ROW_SCOPED_RESOURCES.includes(resource) ? { scope: "all" as const } : {}),
  })),
  developer: [
    { resource: "experiment", actions: ALL_ACTIONS },
    { resource: "feature_flag", actions: ALL_ACTIONS },
    { resource: "report", actions: ["read", "list"] },
    { resource: "role", actions: ["read"] },
    { resource: "permission", actions: ["read"] },
    { resource: "user", actions: ["read"] },
  ],
  analyst: [
    { resource: "experiment", actions: ["read", "list"] },
    { resource: "feature_flag", actions: ["read", "list"] },
    { resource: "report", actions: ALL_ACTIONS },
    { resource: "role", actions: ["read"] },
    { resource: "permission", actions: ["read"] },
    { resource: "user", actions: ["read"] },
    { resource: "sale", actions: ["read", "list"], scope: "all" },
  ],
  viewer: [
    { resource: "experiment", actions: ["read", "list"] },
    { resource: "feature_flag", actions: ["read", "list"] },
    { resource: "report", actions: ["read", "list"] },
  ],
};

/**
 * The longest a direct grant of a resource may last, in days, from the moment it is made; a
 * resource not listed may be granted for any time, or with no expiry. Access requests and grants
 * above it are refused (lib/rbac/grant-duration.ts).
 */
export const MAX_GRANT_DAYS: Partial<Record<Resource, number>> = {
  export: 30,
};

/** The longest a grant of `resource` may last, in days; null when there is no maximum. */
export function maxGrantDays(resource: Resource): number | null {
  return MAX_GRANT_DAYS[resource] ?? null;
}

export const BASE_ROLE_DESCRIPTIONS: Record<BaseRole, string> = {
  admin: "Full access to every resource; manages roles, assignments and grants.",
  developer: "Builds experiments and feature flags; reads reports and the RBAC catalog.",
  analyst: "Owns reports; reads every sale and the RBAC catalog.",
  viewer: "Reads experiments, feature flags and reports.",
};

export function isResource(value: string): value is Resource {
  return (RESOURCES as readonly string[]).includes(value);
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isRowScoped(resource: Resource): boolean {
  return ROW_SCOPED_RESOURCES.includes(resource);
}

export function widerScope(a: Scope | null | undefined, b: Scope | null | undefined): Scope | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return SCOPES.indexOf(a) >= SCOPES.indexOf(b) ? a : b;
}
