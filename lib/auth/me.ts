import type { Viewer } from "./principal";

/** The caller as the API describes him: identity, custom roles and effective permissions. */
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
    scopes: viewer.permissions.scopes(),
  };
}
