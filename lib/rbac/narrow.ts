// What an API token may do: the intersection of the permissions it was given and its owner's
// effective permissions, resolved afresh on every request. Pure, like resolve.ts.
import {
  ACTIONS,
  isAction,
  isResource,
  isRowScoped,
  reachCovers,
  scopeCovers,
  unionReach,
  type Action,
  type Reach,
  type Resource,
  type Scope,
} from "./catalog";
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

/**
 * A reach cut down to a ceiling: each kind held that the ceiling covers stays, a kind that covers
 * the ceiling becomes the ceiling, and a kind the ceiling neither covers nor lies within (a
 * `region` under a `team` ceiling) is dropped. Null when nothing is left.
 */
export function narrowReach(reach: Reach, ceiling: Scope | undefined): Reach | null {
  if (!ceiling) return reach;
  return unionReach(
    reach.flatMap((kind) => (scopeCovers(ceiling, kind) ? [kind] : scopeCovers(kind, ceiling) ? [ceiling] : [])),
    null,
  );
}

/** The owner's permissions cut down to the token's limits. */
export function narrowPermissions(owner: EffectivePermissions, limits: TokenLimits): EffectivePermissions {
  const allowed = limits.permissions === null ? null : new Set(limits.permissions);
  const scope = (resource: string, action: string): Reach | null => {
    if (!owner.can(resource, action) || (allowed !== null && !allowed.has(`${resource}:${action}`))) return null;
    const held = owner.scope(resource, action);
    if (!held || !isResource(resource) || !isRowScoped(resource)) return held;
    return narrowReach(held, limits.scopes[resource]);
  };
  // A row-scoped permission whose every row the ceiling cuts away is not held at all.
  const can = (resource: string, action: string): boolean => scope(resource, action) !== null;
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
    if (!ACTIONS.some((action: Action) => reachCovers(owner.scope(resource, action), ceiling))) {
      excess.push(`${resource} scope ${ceiling}`);
    }
  }
  return excess;
}
