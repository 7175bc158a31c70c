// The RBAC endpoints of seeds/003, described for the OpenAPI document with the same schemas the
// routes validate with.
import type { ApiModule, ApiOperation } from "@/lib/openapi";
import {
  auditPage,
  auditQuery,
  createRoleInput,
  effectivePermissionsQuery,
  effectivePermissionsView,
  grantInput,
  grantResourceParams,
  grantResult,
  listRolesQuery,
  revokeGrantsResult,
  roleAssignInput,
  roleAssignmentInput,
  roleAssignmentResult,
  roleList,
  roleNameParam,
  roleView,
  rowAccessQuery,
  rowAccessView,
  updateRoleInput,
  userIdParam,
} from "./schemas";
import {
  assignmentIdParam,
  expiringPage,
  expiringQuery,
  extendInput,
  extendResult,
  grantIdParam,
} from "./expiring-schemas";
import { WHAT_IF_LIST_LIMIT, whatIfInput, whatIfResult } from "./what-if-schemas";

const RBAC = "/api/v1/rbac";
const ADMIN_ONLY = "Admins only (base role admin, or a superuser).";

const operations: ApiOperation[] = [
  {
    method: "get",
    path: `${RBAC}/roles`,
    operationId: "listRoles",
    summary: "List roles",
    description: "Any authenticated user. System roles first, then by name.",
    query: listRolesQuery,
    success: { status: 200, description: "The roles", schema: roleList },
  },
  {
    method: "post",
    path: `${RBAC}/roles`,
    operationId: "createRole",
    summary: "Create a custom role",
    description: ADMIN_ONLY,
    body: createRoleInput,
    success: { status: 201, description: "The new role", schema: roleView },
    errors: [403, 409],
  },
  {
    method: "get",
    path: `${RBAC}/roles/{role_name}`,
    operationId: "getRole",
    summary: "Get a role",
    description: "Any authenticated user.",
    pathParams: roleNameParam,
    success: { status: 200, description: "The role", schema: roleView },
    errors: [404],
  },
  {
    method: "put",
    path: `${RBAC}/roles/{role_name}`,
    operationId: "updateRole",
    summary: "Update a custom role's description or permissions",
    description: `${ADMIN_ONLY} System roles cannot be modified (400).`,
    pathParams: roleNameParam,
    body: updateRoleInput,
    success: { status: 200, description: "The updated role", schema: roleView },
    errors: [400, 403, 404],
  },
  {
    method: "delete",
    path: `${RBAC}/roles/{role_name}`,
    operationId: "deleteRole",
    summary: "Delete a custom role and its assignments",
    description: `${ADMIN_ONLY} System roles cannot be deleted (400).`,
    pathParams: roleNameParam,
    success: { status: 204, description: "Deleted" },
    errors: [400, 403, 404],
  },
  {
    method: "post",
    path: `${RBAC}/roles/assign`,
    operationId: "assignRole",
    summary: "Assign a custom role to a user",
    description:
      `${ADMIN_ONLY} Idempotent: assigning a role the user holds, with the same expiry, changes nothing. ` +
      "Additive to the reference: `expires_at` ends the assignment on its own (on the database clock, like a grant); " +
      "re-assigning sets the expiry anew, and omitting it makes the assignment permanent.",
    body: roleAssignInput,
    success: { status: 200, description: "Assigned", schema: roleAssignmentResult },
    errors: [400, 403, 404],
  },
  {
    method: "post",
    path: `${RBAC}/roles/revoke`,
    operationId: "revokeRole",
    summary: "Revoke a custom role from a user",
    description: `${ADMIN_ONLY} Revoking a role the user does not hold changes nothing.`,
    body: roleAssignmentInput,
    success: { status: 200, description: "Revoked", schema: roleAssignmentResult },
    errors: [400, 403, 404],
  },
  {
    method: "get",
    path: `${RBAC}/users/{user_id}/permissions`,
    operationId: "getEffectivePermissions",
    summary: "A user's effective permissions",
    description:
      "Base role ∪ custom roles ∪ valid direct grants; actions sorted alphabetically; `scopes` gives the row " +
      "scope per resource and action; `?explain=true` adds the sources of each permission. The user themselves or an admin.",
    pathParams: userIdParam,
    query: effectivePermissionsQuery,
    success: { status: 200, description: "The effective permissions", schema: effectivePermissionsView },
    errors: [403, 404],
  },
  {
    method: "get",
    path: `${RBAC}/users/{user_id}/access`,
    operationId: "explainRowAccess",
    summary: "Why a user may, or may not, act on one sale",
    description:
      `${ADMIN_ONLY} Additive to the reference. For a sale and an action (read, list, update, delete): each layer of the ` +
      "user's permissions and whether it grants the action, the widest scope held, whether the row is within it, and " +
      "the same read run as that user under row level security in a read-only transaction; `agree` is whether the " +
      "app's decision and the database's answer match.",
    pathParams: userIdParam,
    query: rowAccessQuery,
    success: { status: 200, description: "The decision and the database's answer", schema: rowAccessView },
    errors: [403, 404, 422],
  },
  {
    method: "post",
    path: `${RBAC}/users/{user_id}/grant`,
    operationId: "grantPermission",
    summary: "Grant a user actions on a resource directly",
    description: `${ADMIN_ONLY} Omit expires_at for a grant that never expires; the body's user_id, if present, must equal the path's.`,
    pathParams: userIdParam,
    body: grantInput,
    success: { status: 201, description: "Granted", schema: grantResult },
    errors: [403, 404],
  },
  {
    method: "delete",
    path: `${RBAC}/users/{user_id}/grant/{resource}`,
    operationId: "revokeGrants",
    summary: "Revoke every direct grant of a user on a resource",
    description: `${ADMIN_ONLY} count is the number of grant records deleted.`,
    pathParams: grantResourceParams,
    success: { status: 200, description: "Revoked", schema: revokeGrantsResult },
    errors: [403, 404, 422],
  },
  {
    method: "get",
    path: `${RBAC}/expiring`,
    operationId: "listExpiring",
    summary: "Grants and role assignments ending within 7 days, soonest first",
    description:
      "Requires permission:read. Additive to the reference. Active direct grants and custom role assignments whose " +
      "end is after now and within 7 days, judged on the database clock (`now` in the answer).",
    query: expiringQuery,
    success: { status: 200, description: "One page of items", schema: expiringPage },
    errors: [403],
  },
  {
    method: "patch",
    path: `${RBAC}/grants/{grant_id}`,
    operationId: "extendGrant",
    summary: "Extend a direct grant",
    description:
      `${ADMIN_ONLY} Additive to the reference. Give \`expires_at\` (a new, later end) or \`add_days\` (added to the ` +
      "current end), and a reason. 409 when the grant never expires or has already expired.",
    pathParams: grantIdParam,
    body: extendInput,
    success: { status: 200, description: "Extended", schema: extendResult },
    errors: [403, 404, 409],
  },
  {
    method: "patch",
    path: `${RBAC}/assignments/{assignment_id}`,
    operationId: "extendRoleAssignment",
    summary: "Extend a custom role assignment",
    description:
      `${ADMIN_ONLY} Additive to the reference; the id is an item's from GET /expiring. Same body and answers as ` +
      "PATCH /grants/{grant_id}.",
    pathParams: assignmentIdParam,
    body: extendInput,
    success: { status: 200, description: "Extended", schema: extendResult },
    errors: [403, 404, 409],
  },
  {
    method: "get",
    path: `${RBAC}/audit`,
    operationId: "listAudit",
    summary: "The audit log of RBAC changes, newest first",
    description: "Requires audit_log:list. `from` is inclusive, `to` exclusive.",
    query: auditQuery,
    success: { status: 200, description: "One page of audit entries", schema: auditPage },
    errors: [403],
  },
  {
    method: "post",
    path: `${RBAC}/what-if`,
    operationId: "whatIf",
    summary: "Preview who a proposed change would affect, changing nothing",
    description:
      `${ADMIN_ONLY} Additive to the reference. \`change\` names the change (\`role\`: a custom role's new ` +
      "permissions; `grant`: a new direct grant; `assignment`: a custom role given to a user; `user`: a user's new " +
      "base role, team or regions) and the rest is that change's own body. The answer lists the users whose " +
      "permissions or visible sales would change, each with the (resource, action, scope) entries gained and lost and " +
      `the sales they could list before and after, at most ${WHAT_IF_LIST_LIMIT} by username; \`total_affected\` ` +
      "counts them all. Refused (400, 403, 404, 409, 422) exactly where the change itself would be.",
    body: whatIfInput,
    success: { status: 200, description: "Who would gain and lose what", schema: whatIfResult },
    errors: [400, 403, 404, 409, 422],
  },
];

export const rbacApi: ApiModule = {
  tag: { name: "rbac", description: "Roles, assignments, direct grants, effective permissions and their audit log" },
  components: {
    Role: roleView,
    RoleList: roleList,
    CreateRoleRequest: createRoleInput,
    UpdateRoleRequest: updateRoleInput,
    RoleAssignmentRequest: roleAssignmentInput,
    RoleAssignmentResult: roleAssignmentResult,
    EffectivePermissions: effectivePermissionsView,
    GrantRequest: grantInput,
    GrantResult: grantResult,
    RevokeGrantsResult: revokeGrantsResult,
    AuditPage: auditPage,
    ExpiringPage: expiringPage,
    ExtendRequest: extendInput,
    ExtendResult: extendResult,
    WhatIfRequest: whatIfInput,
    WhatIfResult: whatIfResult,
  },
  operations,
};
