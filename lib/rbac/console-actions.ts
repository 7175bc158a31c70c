// What each admin console form does once the server action knows the viewer: shape the form
// (zod), call the RBAC service (which authorizes, validates and audits), and say which pages
// changed. app/(app)/admin/**/actions.ts wraps these with authedAction; tests call them directly.
import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/principal";
import { formatDateTime } from "@/lib/format";
import { permissionsFromForm, zonedTimeToUtc } from "./console-forms";
import {
  AUDIT_PATH,
  EVERY_USER_PATH,
  EXPIRING_PATH,
  ROLES_PATH,
  USERS_PATH,
  rolePath,
  userPath,
  viewAsPath,
} from "./console-paths";
import { EXPIRING_KINDS } from "./expiring-schemas";
import {
  assignRole,
  createRole,
  deleteRole,
  extendExpiry,
  grantPermission,
  revokeGrant,
  revokeRole,
  updateRole,
  updateUser,
} from "./service";
import { startViewAs } from "./view-as";

export interface ConsoleResult {
  /** Shown to the admin as the confirmation. */
  message: string;
  /** Pages that show what changed; a path with `[…]` stands for every page it matches. */
  revalidate: string[];
  redirectTo?: string;
}

/** A text field; an empty one is left out so the service sees "not given". */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));
const text = z.string().default("");
const flag = z.enum(["true", "false"]).transform((value) => value === "true");

// ---- Roles -----------------------------------------------------------------------------------

/** The role form: name (new roles only), description, reason and the matrix's `perm:*` and `scope:*` fields. */
export const createRoleForm = z
  .looseObject({ name: text, description: text, reason: optionalText })
  .transform((fields) => ({
    name: fields.name.trim(),
    description: fields.description.trim() || null,
    permissions: permissionsFromForm(fields),
    reason: fields.reason,
  }));

export async function createRoleFromForm(
  input: z.infer<typeof createRoleForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const role = await createRole(viewer, input);
  return {
    message: `Role "${role.name}" created.`,
    revalidate: [ROLES_PATH, AUDIT_PATH],
    redirectTo: `${rolePath(role.name)}?created=1`,
  };
}

export const updateRoleForm = z
  .looseObject({ role_name: z.string(), description: text, reason: optionalText })
  .transform((fields) => ({
    roleName: fields.role_name,
    changes: {
      description: fields.description.trim() || null,
      permissions: permissionsFromForm(fields),
      reason: fields.reason,
    },
  }));

export async function updateRoleFromForm(
  input: z.infer<typeof updateRoleForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const role = await updateRole(viewer, input.roleName, input.changes);
  return {
    message: `Role "${role.name}" saved.`,
    revalidate: [ROLES_PATH, rolePath(role.name), EVERY_USER_PATH, AUDIT_PATH],
  };
}

export const deleteRoleForm = z.object({ role_name: z.string(), reason: optionalText });

export async function deleteRoleFromForm(
  input: z.infer<typeof deleteRoleForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  await deleteRole(viewer, input.role_name, { reason: input.reason });
  return {
    message: `Role "${input.role_name}" deleted.`,
    revalidate: [ROLES_PATH, USERS_PATH, EVERY_USER_PATH, AUDIT_PATH],
    redirectTo: `${ROLES_PATH}?deleted=${encodeURIComponent(input.role_name)}`,
  };
}

// ---- Role assignments ------------------------------------------------------------------------

export const roleAssignmentForm = z.object({ user_id: z.string(), role_name: text, reason: optionalText });

/** A datetime-local value read on the wall clock of `time_zone` (the browser's zone), as UTC; null when empty. */
function localExpiry(fields: { expires_local?: string; time_zone: string }, context: z.RefinementCtx) {
  const expiresAt = fields.expires_local ? zonedTimeToUtc(fields.expires_local, fields.time_zone) : null;
  if (fields.expires_local && !expiresAt) {
    context.addIssue({ code: "custom", path: ["expires_at"], message: "Enter a valid date and time" });
    return z.NEVER;
  }
  return expiresAt?.toISOString() ?? null;
}

export const roleAssignForm = z
  .object({
    user_id: z.string(),
    role_name: text,
    reason: optionalText,
    expires_local: optionalText,
    time_zone: z.string().default("UTC"),
  })
  .transform(({ expires_local, ...fields }, context) => ({
    ...fields,
    expires_at: localExpiry({ expires_local, time_zone: fields.time_zone }, context),
  }));

/** What the assign form sends; without an expiry, the assignment is permanent. */
type RoleAssignFields = z.infer<typeof roleAssignmentForm> & { expires_at?: string | null; time_zone?: string };

const assignmentPaths = (userId: string) => [userPath(userId), USERS_PATH, ROLES_PATH, AUDIT_PATH];

export async function assignRoleFromForm(
  { time_zone: timeZone = "UTC", ...input }: RoleAssignFields,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const result = await assignRole(viewer, input);
  const until = result.expires_at ? ` until ${formatDateTime(result.expires_at, { timeZone })}` : "";
  return { message: `Role "${result.role}" assigned${until}.`, revalidate: assignmentPaths(result.user_id) };
}

export async function revokeRoleFromForm(
  input: z.infer<typeof roleAssignmentForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const result = await revokeRole(viewer, input);
  return { message: `Role "${result.role}" revoked.`, revalidate: assignmentPaths(result.user_id) };
}

// ---- Direct grants ---------------------------------------------------------------------------

export const grantForm = z
  .object({
    user_id: z.string(),
    resource: text,
    actions: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : [value].flat())),
    scope: optionalText,
    reason: optionalText,
    /** A datetime-local value, read on the wall clock of `time_zone` (the browser's zone). */
    expires_local: optionalText,
    time_zone: z.string().default("UTC"),
  })
  .transform((fields, context) => {
    const expiresAt = localExpiry(fields, context);
    return {
      userId: fields.user_id,
      /** Where the expiry was typed: the confirmation reads it back in that zone. */
      timeZone: fields.time_zone,
      grant: {
        resource: fields.resource,
        actions: fields.actions,
        ...(fields.scope ? { scope: fields.scope } : {}),
        reason: fields.reason,
        expires_at: expiresAt,
      },
    };
  });

export async function grantFromForm(input: z.infer<typeof grantForm>, viewer: Viewer): Promise<ConsoleResult> {
  const result = await grantPermission(viewer, input.userId, input.grant);
  const until = input.grant.expires_at
    ? ` until ${formatDateTime(input.grant.expires_at, { timeZone: input.timeZone })}`
    : "";
  return {
    message: `Granted ${result.actions.join(", ")} on ${result.resource}${until}.`,
    revalidate: [userPath(result.user_id), AUDIT_PATH],
  };
}

export const revokeGrantForm = z.object({ grant_id: z.string(), reason: optionalText });

export async function revokeGrantFromForm(
  input: z.infer<typeof revokeGrantForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const revoked = await revokeGrant(viewer, input.grant_id, { reason: input.reason });
  return {
    message: `Grant of ${revoked.actions.join(", ")} on ${revoked.resource} revoked.`,
    revalidate: [EVERY_USER_PATH, AUDIT_PATH],
  };
}

// ---- Expiring soon ---------------------------------------------------------------------------

/** The extend form: +7 or +30 days on the current end, or a new end typed in the browser's zone. */
export const extendForm = z
  .object({
    kind: z.enum(EXPIRING_KINDS),
    id: z.string(),
    extend: z.enum(["7", "30", "date"], { error: "Choose how long to extend" }),
    expires_local: optionalText,
    time_zone: z.string().default("UTC"),
    reason: text,
  })
  .transform(({ kind, id, extend, expires_local, time_zone, reason }, context) => {
    if (extend !== "date") return { kind, id, timeZone: time_zone, change: { add_days: Number(extend), reason } };
    if (!expires_local) {
      context.addIssue({ code: "custom", path: ["expires_at"], message: "Choose the new end" });
      return z.NEVER;
    }
    const expiresAt = localExpiry({ expires_local, time_zone }, context);
    return { kind, id, timeZone: time_zone, change: { expires_at: expiresAt ?? undefined, reason } };
  });

export async function extendFromForm(input: z.infer<typeof extendForm>, viewer: Viewer): Promise<ConsoleResult> {
  const result = await extendExpiry(viewer, input.kind, input.id, input.change);
  const what = result.kind === "grant" ? "Grant" : "Role assignment";
  return {
    message: `${what} extended until ${formatDateTime(result.expires_at, { timeZone: input.timeZone })}.`,
    revalidate: [EXPIRING_PATH, userPath(result.user_id), AUDIT_PATH],
  };
}

// ---- Accounts --------------------------------------------------------------------------------

export const accountForm = z.object({
  user_id: z.string(),
  base_role: z.string().optional(),
  team: z.string().optional(),
  manager_id: z.string().optional(),
  // "EMEA, APAC": the form's one text field for the list.
  regions: z
    .string()
    .optional()
    .transform((text) =>
      text === undefined
        ? undefined
        : text
            .split(",")
            .map((region) => region.trim())
            .filter((region) => region !== ""),
    ),
  is_active: flag.optional(),
  is_superuser: flag.optional(),
  reason: optionalText,
});

/** Base role, team, active and superuser flags: the service decides who may change what. */
export async function updateAccountFromForm(
  input: z.infer<typeof accountForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const { user_id, ...fields } = input;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const user = await updateUser(viewer, user_id, changes);
  const message =
    input.is_active !== undefined
      ? `${user.username} is now ${user.is_active ? "active" : "deactivated"}.`
      : input.is_superuser !== undefined
        ? `${user.username} is ${user.is_superuser ? "now a superuser" : "no longer a superuser"}.`
        : `${user.username}'s account saved.`;
  return { message, revalidate: [userPath(user.id), USERS_PATH, ROLES_PATH, AUDIT_PATH] };
}

// ---- View as ---------------------------------------------------------------------------------

export const viewAsForm = z.object({ user_id: z.string() });

/** The admin's explicit request to preview as a user: audited, then on to the preview it names. */
export async function startViewAsFromForm(input: z.infer<typeof viewAsForm>, viewer: Viewer): Promise<ConsoleResult> {
  const { target, previewId } = await startViewAs(viewer, input.user_id);
  return {
    message: `Viewing as ${target.username}.`,
    revalidate: [AUDIT_PATH],
    redirectTo: viewAsPath(target.id, previewId),
  };
}
