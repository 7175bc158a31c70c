// Effective permissions: a pure function of the three layers (base role, custom roles, direct
// grants) and the clock. No I/O here; lib/auth/viewer.ts loads the layers in one query.
import {
  ACTIONS,
  BASE_ROLE_PERMISSIONS,
  RESOURCES,
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

export function resolvePermissions(layers: PermissionLayers, now: Date): EffectivePermissions {
  const bits = new Map<Resource, number>();
  const scopeOf = new Map<string, Reach>();
  const sourcesOf = new Map<string, PermissionSource[]>();

  const add = (
    resource: string,
    actions: readonly string[],
    scope: Scope | null | undefined,
    source: Exclude<PermissionSource, { kind: "superuser" }>,
  ) => {
    if (!isResource(resource)) return;
    for (const action of actions) {
      if (!isAction(action)) continue;
      bits.set(resource, (bits.get(resource) ?? 0) | ACTION_BIT[action]);
      const key = `${resource}:${action}`;
      if (isRowScoped(resource)) {
        // Least privilege: a row-scoped permission without a scope covers the holder's own rows.
        const held = scope ?? "own";
        scopeOf.set(key, unionReach(scopeOf.get(key), [held]) ?? [held]);
        sourcesOf.set(key, [...(sourcesOf.get(key) ?? []), { ...source, scope: held }]);
      } else {
        sourcesOf.set(key, [...(sourcesOf.get(key) ?? []), source]);
      }
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
    return scopeOf.get(`${resource}:${action}`) ?? OWN;
  };

  return {
    isSuperuser: superuser,
    can,
    scope,
    ...summaries(can, scope),
    sources(resource, action) {
      if (superuser) return [{ kind: "superuser" }, ...(sourcesOf.get(`${resource}:${action}`) ?? [])];
      return sourcesOf.get(`${resource}:${action}`) ?? [];
    },
  };
}
