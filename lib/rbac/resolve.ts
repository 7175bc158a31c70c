// Effective permissions: a pure function of the three layers (base role, custom roles, direct
// grants) and the clock. No I/O here; lib/auth/viewer.ts loads the layers in one query.
import {
  ACTIONS,
  BASE_ROLE_PERMISSIONS,
  RESOURCES,
  SCOPES,
  isAction,
  isResource,
  isRowScoped,
  unionReach,
  widestOf,
  type Action,
  type BaseRole,
  type PermissionEntry,
  type Reach,
  type Resource,
  type Scope,
} from "./catalog";

export interface CustomRoleLayer {
  name: string;
  permissions: PermissionEntry[];
  /** When the assignment ends; absent or null: until revoked. */
  expiresAt?: Date | null;
}

export interface GrantLayer {
  id: string;
  resource: string;
  actions: string[];
  scope: Scope | null;
  expiresAt: Date | null;
  isActive: boolean;
}

export interface PermissionLayers {
  baseRole: BaseRole;
  isSuperuser: boolean;
  customRoles: CustomRoleLayer[];
  grants: GrantLayer[];
}

export type PermissionSource =
  | { kind: "superuser" }
  | { kind: "base_role"; role: BaseRole; scope?: Scope }
  | { kind: "custom_role"; role: string; expiresAt?: string; scope?: Scope }
  | { kind: "grant"; grantId: string; expiresAt: string | null; scope?: Scope };

export type PermissionMap = Partial<Record<Resource, Action[]>>;
export type ScopeMap = Partial<Record<Resource, Partial<Record<Action, Reach>>>>;

export interface EffectivePermissions {
  readonly isSuperuser: boolean;
  can(resource: string, action: string): boolean;
  /**
   * The row scopes held for (resource, action), all layers added up; `null` when not held.
   * Non-row-scoped resources are `["all"]`.
   */
  scope(resource: string, action: string): Reach | null;
  /** The reference's shape: resource → actions, sorted alphabetically; resources without actions omitted. */
  permissions(): PermissionMap;
  /** Row scopes of row-scoped resources, per action. */
  scopes(): ScopeMap;
  /** Why each (resource, action) is held. */
  sources(resource: Resource, action: Action): readonly PermissionSource[];
}

const ALL: Reach = ["all"];
const OWN: Reach = ["own"];

const ACTION_BIT: Record<Action, number> = { create: 1, read: 2, update: 4, delete: 8, list: 16 };

export function isGrantValid(grant: Pick<GrantLayer, "isActive" | "expiresAt">, now: Date): boolean {
  return grant.isActive && (grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime());
}

/** `permissions()` and `scopes()` of an EffectivePermissions, read off its `can` and `scope`. */
export function summaries(
  can: EffectivePermissions["can"],
  scope: EffectivePermissions["scope"],
): Pick<EffectivePermissions, "permissions" | "scopes"> {
  return {
    permissions() {
      const map: PermissionMap = {};
      for (const resource of RESOURCES) {
        const actions = ACTIONS.filter((action) => can(resource, action)).sort();
        if (actions.length > 0) map[resource] = actions;
      }
      return map;
    },
    scopes() {
      const map: ScopeMap = {};
      for (const resource of RESOURCES) {
        if (!isRowScoped(resource)) continue;
        for (const action of ACTIONS) {
          const held = scope(resource, action);
          if (held) map[resource] = { ...map[resource], [action]: held };
        }
      }
      return map;
    },
  };
}

/** The scopes held, each as its widest kind (`scopes`) and in full (`reach`). */
export function scopesView(permissions: Pick<EffectivePermissions, "scopes">): {
  scopes: Partial<Record<Resource, Partial<Record<Action, Scope>>>>;
  reach: Partial<Record<Resource, Partial<Record<Action, Scope[]>>>>;
} {
  const scopes: Partial<Record<Resource, Partial<Record<Action, Scope>>>> = {};
  const reach: Partial<Record<Resource, Partial<Record<Action, Scope[]>>>> = {};
  for (const [resource, byAction] of Object.entries(permissions.scopes()) as [
    Resource,
    Partial<Record<Action, Reach>>,
  ][]) {
    scopes[resource] = {};
    reach[resource] = {};
    for (const [action, held] of Object.entries(byAction) as [Action, Reach][]) {
      const widest = widestOf(held);
      if (widest) scopes[resource][action] = widest;
      reach[resource][action] = [...held];
    }
  }
  return { scopes, reach };
}

/** Each scope kind as one bit, so that adding up a layer's scopes is an OR. */
const KIND_BIT = Object.fromEntries(SCOPES.map((kind, i) => [kind, 1 << i])) as Record<Scope, number>;

/** Every set of kinds, normalized once: index `mask` holds the reach of the kinds in `mask`. */
const REACH_OF_MASK: readonly (Reach | null)[] = Array.from({ length: 1 << SCOPES.length }, (_, mask) =>
  unionReach(
    SCOPES.filter((kind) => (mask & KIND_BIT[kind]) !== 0),
    null,
  ),
);

/** One layer's entry as the resolver took it: where `sources` finds it again when asked. */
interface Contribution {
  resource: Resource;
  actions: readonly string[];
  scope: Scope | null | undefined;
  source: Exclude<PermissionSource, { kind: "superuser" }>;
}

/**
 * Actions and scopes are added up as bit sets while the layers are read; the sources of a
 * permission, needed only to explain it, are looked up when asked.
 */
export function resolvePermissions(layers: PermissionLayers, now: Date): EffectivePermissions {
  const bits = new Map<Resource, number>();
  const kinds = new Map<string, number>();
  const contributions: Contribution[] = [];

  const add = (
    resource: string,
    actions: readonly string[],
    scope: Scope | null | undefined,
    source: Contribution["source"],
  ) => {
    if (!isResource(resource)) return;
    contributions.push({ resource, actions, scope, source });
    const rowScoped = isRowScoped(resource);
    for (const action of actions) {
      if (!isAction(action)) continue;
      bits.set(resource, (bits.get(resource) ?? 0) | ACTION_BIT[action]);
      if (!rowScoped) continue;
      // Least privilege: a row-scoped permission without a scope covers the holder's own rows.
      const key = `${resource}:${action}`;
      kinds.set(key, (kinds.get(key) ?? 0) | KIND_BIT[scope ?? "own"]);
    }
  };

  for (const entry of BASE_ROLE_PERMISSIONS[layers.baseRole] ?? []) {
    add(entry.resource, entry.actions, entry.scope, { kind: "base_role", role: layers.baseRole });
  }
  for (const role of layers.customRoles) {
    if (role.expiresAt && role.expiresAt <= now) continue;
    const until = role.expiresAt ? { expiresAt: role.expiresAt.toISOString() } : {};
    for (const entry of role.permissions) {
      add(entry.resource, entry.actions, entry.scope, { kind: "custom_role", role: role.name, ...until });
    }
  }
  for (const grant of layers.grants) {
    if (!isGrantValid(grant, now)) continue;
    add(grant.resource, grant.actions, grant.scope, {
      kind: "grant",
      grantId: grant.id,
      expiresAt: grant.expiresAt ? grant.expiresAt.toISOString() : null,
    });
  }

  const superuser = layers.isSuperuser;
  const can = (resource: string, action: string): boolean => {
    if (!isResource(resource) || !isAction(action)) return false;
    return superuser || ((bits.get(resource) ?? 0) & ACTION_BIT[action]) !== 0;
  };

  const scope = (resource: string, action: string): Reach | null => {
    if (!can(resource, action)) return null;
    if (superuser || !isRowScoped(resource)) return ALL;
    return REACH_OF_MASK[kinds.get(`${resource}:${action}`) ?? 0] ?? OWN;
  };

  const layerSources = (resource: string, action: string): PermissionSource[] => {
    const found: PermissionSource[] = [];
    for (const { resource: held, actions, scope: kind, source } of contributions) {
      if (held !== resource) continue;
      for (const each of actions) {
        if (each !== action) continue;
        found.push(isRowScoped(held) ? { ...source, scope: kind ?? "own" } : source);
      }
    }
    return found;
  };

  return {
    isSuperuser: superuser,
    can,
    scope,
    ...summaries(can, scope),
    sources(resource, action) {
      const named = isAction(action) ? layerSources(resource, action) : [];
      return superuser ? [{ kind: "superuser" }, ...named] : named;
    },
  };
}
