// What an API token may do: the intersection of the permissions it was given and its owner's
// effective permissions, resolved afresh on every request. Pure, like resolve.ts.
import { ACTIONS, SCOPES, isAction, isResource, isRowScoped, type Action, type Resource, type Scope } from "./catalog";
import { summaries, type EffectivePermissions } from "./resolve";

/** A token's own limits. `permissions` null: every permission of its owner. */
export interface TokenLimits {
  /** "resource:action" pairs. */
  permissions: readonly string[] | null;
  /** The widest row scope the token may use, per row-scoped resource. */
  scopes: Partial<Record<Resource, Scope>>;
}

export const UNLIMITED: TokenLimits = { permissions: null, scopes: {} };

export function isLimited(limits: TokenLimits): boolean {
  return limits.permissions !== null || Object.keys(limits.scopes).length > 0;
}

export function narrowerScope(a: Scope, b: Scope | undefined): Scope {
  if (!b) return a;
  return SCOPES.indexOf(a) <= SCOPES.indexOf(b) ? a : b;
}

/** The owner's permissions cut down to the token's limits. */
export function narrowPermissions(owner: EffectivePermissions, limits: TokenLimits): EffectivePermissions {
  const allowed = limits.permissions === null ? null : new Set(limits.permissions);
  const can = (resource: string, action: string): boolean =>
    owner.can(resource, action) && (allowed === null || allowed.has(`${resource}:${action}`));
  const scope = (resource: string, action: string): Scope | null => {
    if (!can(resource, action)) return null;
    const held = owner.scope(resource, action);
    if (!held || !isResource(resource) || !isRowScoped(resource)) return held;
    return narrowerScope(held, limits.scopes[resource]);
  };
  return {
    // A limited token never carries a superuser's standing, only the permissions it names.
    isSuperuser: owner.isSuperuser && limits.permissions === null,
    can,
    scope,
    ...summaries(can, scope),
    sources(resource, action) {
      return can(resource, action) ? owner.sources(resource, action) : [];
    },
  };
}

/** "sale:list, sale:read" → ["sale:list", "sale:read"], or the entries that are not permissions. */
export function parsePermissionList(text: string): { pairs: string[]; unknown: string[] } {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const pairs: string[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const [resource = "", action = "", ...rest] = entry.split(":");
    if (rest.length === 0 && isResource(resource) && isAction(action)) pairs.push(`${resource}:${action}`);
    else unknown.push(entry);
  }
  return { pairs: [...new Set(pairs)].sort(), unknown };
}

/** What a token would be given beyond its owner's own permissions; empty when nothing. */
export function excessOf(owner: EffectivePermissions, limits: TokenLimits): string[] {
  const excess: string[] = [];
  for (const pair of limits.permissions ?? []) {
    const [resource = "", action = ""] = pair.split(":");
    if (!owner.can(resource, action)) excess.push(pair);
  }
  for (const [resource, ceiling] of Object.entries(limits.scopes) as [Resource, Scope][]) {
    const widest = ACTIONS.map((action) => owner.scope(resource, action as Action)).reduce<Scope | null>(
      (wider, held) => (held && (!wider || SCOPES.indexOf(held) > SCOPES.indexOf(wider)) ? held : wider),
      null,
    );
    if (!widest || SCOPES.indexOf(ceiling) > SCOPES.indexOf(widest)) excess.push(`${resource} scope ${ceiling}`);
  }
  return excess;
}
