// The one door into RBAC for route handlers and server actions. Every function takes the viewer
// first, authorizes the viewer itself, validates its input with lib/rbac/schemas.ts, and writes each
// change with its audit row in one transaction run as the application role.
export { isAdmin } from "./access";
export {
  approveAccessRequest,
  createAccessRequest,
  denyAccessRequest,
  getAccessRequest,
  isApprover,
  listAccessRequests,
  markDecisionsSeen,
  unseenDecisions,
} from "./access-requests";
export { assignRole, revokeRole } from "./assignments";
export { auditFilterOptions, exportAuditCsv, listAudit, type AuditFilterOptions } from "./audit";
export { effectivePermissionsOf } from "./effective";
export { extendExpiry, listExpiring } from "./expiring";
export { grantPermission, revokeGrant, revokeGrants, type GrantView } from "./grants";
export { createRole, deleteRole, getRole, listRoles, updateRole } from "./roles";
export { explainRowAccess } from "./row-access";
export { updateUser } from "./user-update";
export { whatIf } from "./what-if";
export {
  getUserDetail,
  listOrgChoices,
  listTeams,
  listUsers,
  suggestManagers,
  type AssignedRole,
  type Person,
  type UserDetail,
  type UserGrant,
  type UserPage,
  type UserSummary,
} from "./users";
