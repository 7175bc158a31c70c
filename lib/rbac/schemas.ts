// Every RBAC input and answer as one zod schema: the REST routes, the admin console's server
// actions and the OpenAPI document all use these, so a rule is written once.
import { z } from "zod";
import { boundedInstant, uuidSchema } from "@/lib/validation";
import {
  ACTIONS,
  BASE_ROLES,
  RESOURCE_LABELS,
  RESOURCES,
  ROW_SCOPED_RESOURCES,
  SCOPES,
  isRowScoped,
  type Resource,
  type Scope,
} from "./catalog";

export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;

export const roleNameSchema = z
  .string()
  .min(2, "At least 2 characters")
  .max(64, "At most 64 characters")
  .regex(ROLE_NAME_PATTERN, "Start with a lowercase letter; then only lowercase letters, digits, - or _");

/**
 * Names a new role may not take because the console's own pages sit at /admin/roles/<name>
 * (app/(app)/admin/roles/new is the creation form): such a role could never be opened there.
 * Roles made before the reservation keep working; only creating one is refused.
 */
export const RESERVED_ROLE_NAMES: readonly string[] = ["new"];

/** The name of a role being created: the naming rules, minus the console's reserved names. */
export const newRoleNameSchema = roleNameSchema.refine((name) => !RESERVED_ROLE_NAMES.includes(name), {
  error: (issue) =>
    `"${String(issue.input)}" is reserved: /admin/roles/${String(issue.input)} is a page of the console; choose another name`,
});

export const resourceSchema = z.enum(RESOURCES, { error: "Choose a resource from the list" });
export const actionSchema = z.enum(ACTIONS, { error: `Choose actions from: ${ACTIONS.join(", ")}` });
export const scopeSchema = z.enum(SCOPES, {
  error: "Choose own rows, their regions' rows, team's rows, their reporting line's rows or all rows",
});
export const reasonSchema = z.string().max(1000, "At most 1000 characters").nullish();
const descriptionSchema = z.string().max(1000, "At most 1000 characters").nullable();

export const actionListSchema = z
  .array(actionSchema)
  .min(1, "Choose at least one action")
  .transform((actions) => [...new Set(actions)]);

/** A scope is only meaningful on row-scoped resources. */
export const scopeFitsResource = (entry: { resource: Resource; scope?: Scope }) =>
  entry.scope === undefined || isRowScoped(entry.resource);
export const scopeMisfit = {
  message: `Only ${ROW_SCOPED_RESOURCES.map((r) => RESOURCE_LABELS[r].toLowerCase()).join(" and ")} have a scope: leave it out for this resource`,
  path: ["scope"],
};

export const permissionEntrySchema = z
  .strictObject({ resource: resourceSchema, actions: actionListSchema, scope: scopeSchema.optional() })
  .refine(scopeFitsResource, scopeMisfit);

const ISO_INSTANT = "Must be an ISO 8601 date-time with a time zone, e.g. 2026-04-01T00:00:00Z";

export const futureInstant = boundedInstant(ISO_INSTANT).refine(
  (value) => Date.parse(value) > Date.now(),
  "Choose an expiry in the future",
);

// ---- Requests --------------------------------------------------------------------------------

export const createRoleInput = z.strictObject({
  name: newRoleNameSchema,
  description: descriptionSchema.optional(),
  permissions: z.array(permissionEntrySchema),
  reason: reasonSchema,
});

export const updateRoleInput = z.strictObject({
  description: descriptionSchema.optional(),
  permissions: z.array(permissionEntrySchema).optional(),
  reason: reasonSchema,
});

/** The body of POST /roles/revoke. */
export const roleAssignmentInput = z.strictObject({
  user_id: uuidSchema,
  role_name: roleNameSchema,
  reason: reasonSchema,
});

/**
 * The body of POST /roles/assign: `expires_at` (additive to the reference) ends the assignment on
 * its own; re-assigning sets the expiry anew, and omitting it makes the assignment permanent.
 */
export const roleAssignInput = roleAssignmentInput.extend({ expires_at: futureInstant.nullish() });

export const grantInput = z
  .strictObject({
    user_id: uuidSchema.optional(),
    resource: resourceSchema,
    actions: actionListSchema,
    scope: scopeSchema.optional(),
    reason: reasonSchema,
    expires_at: futureInstant.nullish(),
  })
  .refine(scopeFitsResource, scopeMisfit);

/** Optional bodies of deletions made from the admin console. */
export const deleteRoleInput = z.strictObject({ reason: reasonSchema });
export const revokeGrantInput = z.strictObject({ reason: reasonSchema });

/** Query-string booleans: exactly "true" or "false". */
const flag = (fallback: "true" | "false") =>
  z
    .enum(["true", "false"], { message: 'Use "true" or "false"' })
    .default(fallback)
    .transform((value) => value === "true");

export const listRolesQuery = z.object({ include_system: flag("true") });

export const effectivePermissionsQuery = z.object({ explain: flag("false") });

/** The actions that are about one existing row (creating is about a row that does not exist yet). */
export const ROW_ACTIONS = ["read", "list", "update", "delete"] as const;

export const rowAccessQuery = z.strictObject({
  resource: z.enum(ROW_SCOPED_RESOURCES, {
    error: `Only ${ROW_SCOPED_RESOURCES.map((r) => RESOURCE_LABELS[r].toLowerCase()).join(" and ")} have rows to ask about`,
  }),
  action: z.enum(ROW_ACTIONS, { error: `Choose one of: ${ROW_ACTIONS.join(", ")}` }),
  id: uuidSchema,
});

const pageSchema = z.coerce.number().int().min(1).default(1);
const pageSizeSchema = z.coerce.number().int().min(1).max(200).default(50);

export const auditQuery = z.object({
  page: pageSchema,
  page_size: pageSizeSchema,
  actor_id: uuidSchema.optional(),
  target_id: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(64).optional(),
  /** Words anywhere in the actor's name, the target, the action or the reason. */
  q: z.string().trim().max(100, "At most 100 characters").optional(),
  from: boundedInstant(ISO_INSTANT).optional(),
  to: boundedInstant(ISO_INSTANT).optional(),
});

export const listUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: pageSchema,
  page_size: pageSizeSchema,
});

export const updateUserInput = z.strictObject({
  base_role: z.enum(BASE_ROLES).optional(),
  // An empty team (a cleared form field) means no team.
  team: z
    .string()
    .trim()
    .max(64, "At most 64 characters")
    .nullish()
    .transform((team) => (team === "" ? null : team)),
  manager_id: uuidSchema.nullish().or(z.literal("").transform(() => null)),
  regions: z
    .array(z.string().trim().min(1, "A region needs a name").max(64, "At most 64 characters"))
    .max(20, "At most 20 regions")
    .transform((regions) => [...new Set(regions)].sort())
    .optional(),
  is_active: z.boolean().optional(),
  is_superuser: z.boolean().optional(),
  reason: reasonSchema,
});

export const userIdParam = z.strictObject({ user_id: uuidSchema });

/** The reporting-line form's "Reports to" as one types: a part of a name or username, and whom to leave out. */
export const managerSearchParams = z.strictObject({
  q: z.string().trim().max(100, "At most 100 characters").optional(),
  exclude: uuidSchema.optional(),
});
/** Any string: a name that breaks the naming rules is simply a role that does not exist (404). */
export const roleNameParam = z.strictObject({ role_name: z.string() });
export const grantResourceParams = z.strictObject({ user_id: uuidSchema, resource: resourceSchema });

export type CreateRoleInput = z.input<typeof createRoleInput>;
export type UpdateRoleInput = z.input<typeof updateRoleInput>;
export type RoleAssignmentInput = z.input<typeof roleAssignmentInput>;
export type RoleAssignInput = z.input<typeof roleAssignInput>;
export type GrantInput = z.input<typeof grantInput>;
export type AuditQuery = z.input<typeof auditQuery>;
export type ListUsersQuery = z.input<typeof listUsersQuery>;
export type UpdateUserInput = z.input<typeof updateUserInput>;

// ---- Answers ---------------------------------------------------------------------------------

const instant = z.iso.datetime({ offset: true });

const storedPermissionEntry = z.object({
  resource: resourceSchema,
  actions: z.array(actionSchema),
  scope: scopeSchema.optional(),
});

export const roleView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  is_system_role: z.boolean(),
  permissions: z.array(storedPermissionEntry),
  created_at: instant,
  /** Custom roles: users assigned the role. System roles: users whose base role it is. */
  user_count: z.int(),
});

export const roleList = z.array(roleView);

export const roleAssignmentResult = z.object({
  status: z.enum(["assigned", "revoked"]),
  user_id: z.uuid(),
  role: z.string(),
  /** Only for an assignment that ends. */
  expires_at: instant.optional(),
});

export const permissionSourceView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("superuser") }),
  z.object({ kind: z.literal("base_role"), role: z.enum(BASE_ROLES), scope: scopeSchema.optional() }),
  z.object({
    kind: z.literal("custom_role"),
    role: z.string(),
    /** Only for an assignment that ends. */
    expires_at: instant.optional(),
    scope: scopeSchema.optional(),
  }),
  z.object({
    kind: z.literal("grant"),
    grant_id: z.uuid(),
    expires_at: instant.nullable(),
    scope: scopeSchema.optional(),
  }),
]);

export const effectivePermissionsView = z.object({
  user_id: z.uuid(),
  username: z.string(),
  base_role: z.enum(BASE_ROLES),
  custom_roles: z.array(z.string()),
  permissions: z.partialRecord(resourceSchema, z.array(actionSchema)),
  /**
   * The widest scope held per row-scoped (resource, action), in the reference's one word; kinds
   * that add up (a region and a team) are told apart by `sources` with ?explain=true.
   */
  scopes: z.partialRecord(resourceSchema, z.partialRecord(actionSchema, scopeSchema)),
  is_superuser: z.boolean(),
  /** Only with ?explain=true. */
  sources: z.partialRecord(resourceSchema, z.partialRecord(actionSchema, z.array(permissionSourceView))).optional(),
});

const layerFields = { grants: z.boolean(), scope: scopeSchema.optional() };

/** One layer of a user's permissions and what it says about one (resource, action). */
export const accessLayerView = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("superuser"), grants: z.literal(true) }),
  z.object({ kind: z.literal("base_role"), role: z.enum(BASE_ROLES), ...layerFields }),
  z.object({ kind: z.literal("custom_role"), role: z.string(), ...layerFields }),
  z.object({
    kind: z.literal("grant"),
    grant_id: z.uuid(),
    actions: z.array(z.string()),
    expires_at: instant.nullable(),
    status: z.enum(["active", "expired", "revoked"]),
    ...layerFields,
  }),
]);

export const rowAccessView = z.object({
  user_id: z.uuid(),
  username: z.string(),
  resource: z.enum(ROW_SCOPED_RESOURCES),
  action: z.enum(ROW_ACTIONS),
  id: z.uuid(),
  /** The app's decision: a layer grants the action, and the row is within the widest scope held. */
  allowed: z.boolean(),
  reason: z.string(),
  layers: z.array(accessLayerView),
  /** The widest scope held for the action. */
  scope: scopeSchema.nullable(),
  /** Every kind of scope held for the action. */
  reach: z.array(scopeSchema).nullable(),
  row: z.object({
    owner_id: z.uuid(),
    owner_username: z.string(),
    owner_team: z.string().nullable(),
    /** Null for a resource whose rows have no region (reports). */
    region: z.string().nullable(),
  }),
  row_in_scope: z.boolean(),
  /** The same read run as that user under row level security, in a read-only transaction. */
  database: z.object({ visible: z.boolean() }),
  agree: z.boolean(),
});

export const grantResult = z.object({
  status: z.literal("granted"),
  user_id: z.uuid(),
  resource: resourceSchema,
  actions: z.array(actionSchema),
  scope: scopeSchema.optional(),
});

export const revokeGrantsResult = z.object({ status: z.literal("revoked"), count: z.int() });

export const auditEntryView = z.object({
  id: z.uuid(),
  actor_id: z.uuid().nullable(),
  actor_username: z.string().nullable(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  target_label: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  created_at: instant,
});

export const auditPage = z.object({
  items: z.array(auditEntryView),
  total: z.int(),
  page: z.int(),
  page_size: z.int(),
});

export type PermissionEntryView = z.infer<typeof storedPermissionEntry>;
export type RoleView = z.infer<typeof roleView>;
export type RoleAssignmentResult = z.infer<typeof roleAssignmentResult>;
export type PermissionSourceView = z.infer<typeof permissionSourceView>;
export type EffectivePermissionsView = z.infer<typeof effectivePermissionsView>;
export type AccessLayerView = z.infer<typeof accessLayerView>;
export type RowAccessView = z.infer<typeof rowAccessView>;
export type RowAction = (typeof ROW_ACTIONS)[number];
export type GrantResult = z.infer<typeof grantResult>;
export type RevokeGrantsResult = z.infer<typeof revokeGrantsResult>;
export type AuditEntryView = z.infer<typeof auditEntryView>;
export type AuditPage = z.infer<typeof auditPage>;
