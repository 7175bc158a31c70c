import { scopesView } from "@/lib/rbac/resolve";
import type { Viewer } from "./principal";

/**
 * The caller as the API describes them: identity, custom roles and effective permissions. With an
 * API token, `permissions` and `scopes` are what the token may do (its limits ∩ its owner's
 * current permissions), and `token` says which token and what it was limited to.
 */
export function describeViewer(viewer: Viewer) {
  return {
    id: viewer.id,
    username: viewer.username,
    name: viewer.name,
    email: viewer.email,
    base_role: viewer.baseRole,
    is_superuser: viewer.isSuperuser,
    team: viewer.team,
    custom_roles: viewer.customRoles,
    permissions: viewer.permissions.permissions(),
    ...scopesView(viewer.permissions),
    ...(viewer.apiToken
      ? {
          token: {
            id: viewer.apiToken.id,
            name: viewer.apiToken.name,
            expires_at: viewer.apiToken.expiresAt?.toISOString() ?? null,
            limited_to: viewer.apiToken.limits.permissions,
            scope_ceilings: viewer.apiToken.limits.scopes,
          },
        }
      : {}),
  };
}
