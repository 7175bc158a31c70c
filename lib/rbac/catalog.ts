// The permission model as data: resources, actions, row scopes and the four base roles.
// Adding a resource is one line in RESOURCES (and one in ROW_SCOPE if its rows have owners).

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

/**
 * Row scopes, narrow to wide. `own`, `team` and `all` nest; `region` and `reports` are other kinds
 * of reach: scopes of different kinds add up (a union), and a scope contained in another held one
 * adds nothing (see CONTAINS).
 */
export const SCOPES = ["own", "region", "team", "reports", "all"] as const;

/**
 * Resources whose rows belong to an owner, and the columns that say whose and where: their
 * permissions carry a scope (default `own`). The app's WHERE (lib/rbac/row-scope.ts) reads the
 * columns from here; the database's policies are made for the same columns by one function
 * (`app_row_scope_policies`, migration 0014), and a test holds the two to each other.
 * A resource without a region column answers `region` with no rows.
 */
export const ROW_SCOPE = {
  sale: { table: "sales", owner: "owner_id", region: "region" },
  report: { table: "reports", owner: "owner_id" },
} as const satisfies Partial<Record<Resource, RowScopeColumns>>;

interface RowScopeColumns {
  table: string;
  owner: string;
  region?: string;
}

export type RowScopedResource = keyof typeof ROW_SCOPE;

export const ROW_SCOPED_RESOURCES = Object.keys(ROW_SCOPE) as RowScopedResource[];

/** Each scope in words. */
export const SCOPE_LABELS: Record<(typeof SCOPES)[number], string> = {
  own: "Own rows",
  region: "Their regions' rows",
  team: "Team's rows",
  reports: "Their reporting line's rows",
  all: "All rows",
};

/** Which scopes each scope covers besides itself: `reports` includes the holder's own rows. */
const CONTAINS: Record<Scope, readonly Scope[]> = {
  own: [],
  region: [],
  team: ["own"],
  reports: ["own"],
  all: ["own", "region", "team", "reports"],
};

/**
 * What a holder reaches for one (resource, action): the kinds of scope held, each once, none
 * contained in another, in SCOPES order. Never empty: "not held" is `null`.
 */
export type Reach = readonly Scope[];

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
    ...(isRowScoped(resource) ? { scope: "all" as const } : {}),
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
    { resource: "report", actions: ["read", "list"], scope: "all" },
    { resource: "report", actions: ["create", "update", "delete"], scope: "own" },
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

/** A permission in people's words: "Exports: read", "Sales: read, list (team)". */
export function permissionLabel(resource: string, actions: readonly string[], scope?: string | null): string {
  const name = isResource(resource) ? RESOURCE_LABELS[resource] : resource;
  return `${name}: ${actions.join(", ") || "nothing"}${scope ? ` (${scope})` : ""}`;
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function isRowScoped(resource: string): resource is RowScopedResource {
  return Object.hasOwn(ROW_SCOPE, resource);
}

/** Whether holding `outer` gives every row `inner` does. */
export function scopeCovers(outer: Scope, inner: Scope): boolean {
  return outer === inner || CONTAINS[outer].includes(inner);
}

/** The union of two reaches, normalized: each kind once, none covered by another, in SCOPES order. */
export function unionReach(a: Reach | null | undefined, b: Reach | null | undefined): Reach | null {
  const kinds = [...(a ?? []), ...(b ?? [])];
  if (kinds.length === 0) return null;
  return SCOPES.filter(
    (kind) => kinds.includes(kind) && !kinds.some((other) => other !== kind && scopeCovers(other, kind)),
  );
}

/** Whether a reach gives every row of `scope`. */
export function reachCovers(reach: Reach | null, scope: Scope): boolean {
  return reach !== null && reach.some((held) => scopeCovers(held, scope));
}

/** Whether a reach is the holder's own rows alone (who owns a row then goes without saying). */
export function isOwnOnly(reach: Reach | null): boolean {
  return reach !== null && reach.length === 1 && reach[0] === "own";
}

/** The widest single kind in a reach, for a one-word summary. */
export function widestOf(reach: Reach | null): Scope | null {
  return reach?.at(-1) ?? null;
}
