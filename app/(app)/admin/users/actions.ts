"use server";

// A user's page's forms: each shapes what the browser sends and calls lib/, which authorizes,
// validates and audits; then the pages that show the change are refreshed.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { resetSecondFactor } from "@/lib/auth/mfa-recovery";
import { endAllSessionsOf } from "@/lib/auth/sessions";
import { formatDateTime } from "@/lib/format";
import { AUDIT_PATH, EVERY_USER_PATH, ROLES_PATH, USERS_PATH, userPath, viewAsPath } from "@/lib/navigation";
import { assignRole, grantPermission, revokeGrant, revokeRole, updateUser } from "@/lib/rbac/service";
import { startViewAs } from "@/lib/rbac/view-as";
import { uuidSchema } from "@/lib/validation";
import { checkedValues, consoleAction, flag, localExpiry, optionalText, previewAction, text } from "../admin-action";

// ---- Account: base role, team, reporting line, active and superuser flags --------------------

const accountForm = z.object({
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

/** The service decides who may change what. */
export const updateAccountAction = consoleAction(accountForm, async (input, viewer) => {
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
});

export const previewAccountAction = previewAction(
  accountForm.transform(({ user_id, base_role, team, reason }) => ({
    change: "user" as const,
    user_id,
    base_role,
    team,
    reason,
  })),
);

// ---- Custom role assignments -----------------------------------------------------------------

const assignmentPaths = (userId: string) => [userPath(userId), USERS_PATH, ROLES_PATH, AUDIT_PATH];

/** Without an expiry, the assignment is permanent. */
const roleAssignForm = z
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

export const assignRoleAction = consoleAction(roleAssignForm, async ({ time_zone: timeZone, ...input }, viewer) => {
  const result = await assignRole(viewer, input);
  const until = result.expires_at ? ` until ${formatDateTime(result.expires_at, { timeZone })}` : "";
  return { message: `Role "${result.role}" assigned${until}.`, revalidate: assignmentPaths(result.user_id) };
});

export const previewAssignAction = previewAction(
  roleAssignForm.transform(({ time_zone: _zone, ...fields }) => ({ change: "assignment" as const, ...fields })),
);

const roleRevokeForm = z.object({ user_id: z.string(), role_name: text, reason: optionalText });

export const revokeRoleAction = consoleAction(roleRevokeForm, async (input, viewer) => {
  const result = await revokeRole(viewer, input);
  return { message: `Role "${result.role}" revoked.`, revalidate: assignmentPaths(result.user_id) };
});

// ---- Direct grants ---------------------------------------------------------------------------

const grantForm = z
  .object({
    user_id: z.string(),
    resource: text,
    actions: checkedValues,
    scope: optionalText,
    reason: optionalText,
    /** A datetime-local value, read on the wall clock of `time_zone` (the browser's zone). */
    expires_local: optionalText,
    time_zone: z.string().default("UTC"),
  })
  .transform((fields, context) => ({
    userId: fields.user_id,
    /** Where the expiry was typed: the confirmation reads it back in that zone. */
    timeZone: fields.time_zone,
    grant: {
      resource: fields.resource,
      actions: fields.actions,
      ...(fields.scope ? { scope: fields.scope } : {}),
      reason: fields.reason,
      expires_at: localExpiry(fields, context),
    },
  }));

export const grantAction = consoleAction(grantForm, async (input, viewer) => {
  const result = await grantPermission(viewer, input.userId, input.grant);
  const until = input.grant.expires_at
    ? ` until ${formatDateTime(input.grant.expires_at, { timeZone: input.timeZone })}`
    : "";
  return {
    message: `Granted ${result.actions.join(", ")} on ${result.resource}${until}.`,
    revalidate: [userPath(result.user_id), AUDIT_PATH],
  };
});

export const previewGrantAction = previewAction(
  grantForm.transform(({ userId, grant }) => ({ change: "grant" as const, user_id: userId, ...grant })),
);

const revokeGrantForm = z.object({ grant_id: z.string(), reason: optionalText });

export const revokeGrantAction = consoleAction(revokeGrantForm, async (input, viewer) => {
  const revoked = await revokeGrant(viewer, input.grant_id, { reason: input.reason });
  return {
    message: `Grant of ${revoked.actions.join(", ")} on ${revoked.resource} revoked.`,
    revalidate: [EVERY_USER_PATH, AUDIT_PATH],
  };
});

// ---- View as, sessions, second factor --------------------------------------------------------

/** The admin's explicit request to preview as a user: audited, then on to the preview it names. */
export const startViewAsAction = consoleAction(z.object({ user_id: z.string() }), async (input, viewer) => {
  const { target, previewId } = await startViewAs(viewer, input.user_id);
  return {
    message: `Viewing as ${target.username}.`,
    revalidate: [AUDIT_PATH],
    redirectTo: viewAsPath(target.id, previewId),
  };
});

export const endAllSessionsAction = authedAction(z.object({ user_id: uuidSchema }), async (input, viewer) => {
  const ended = await endAllSessionsOf(viewer, input.user_id);
  revalidatePath(userPath(input.user_id));
  return ended === 0
    ? "There were no sessions to end."
    : `Ended ${ended} session${ended === 1 ? "" : "s"}: signed out everywhere on the next request.`;
});

export const resetSecondFactorAction = authedAction(z.object({ user_id: uuidSchema }), async (input, viewer) => {
  const ended = await resetSecondFactor(viewer, input.user_id);
  revalidatePath(userPath(input.user_id));
  return `Two-factor sign-in is off for this account and ${ended} session${ended === 1 ? "" : "s"} ended. The password alone signs in until it is turned on again.`;
});
