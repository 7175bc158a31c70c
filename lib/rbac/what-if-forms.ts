// The admin console's forms read as what-if proposals: the fields each form already sends, shaped
// by the form's own schema, so what is previewed is what the submit would send.
import "server-only";
import { z } from "zod";
import { accountForm, grantForm, roleAssignForm } from "./console-actions";
import { permissionsFromForm } from "./console-forms";

/** The role form's fields as a role change: the matrix's `perm:*` and `scope:*` fields. */
export const previewRoleForm = z.looseObject({ role_name: z.string() }).transform((fields) => ({
  change: "role" as const,
  role_name: fields.role_name,
  permissions: permissionsFromForm(fields),
}));

/** The grant form's fields as a new direct grant. */
export const previewGrantForm = grantForm.transform(({ userId, grant }) => ({
  change: "grant" as const,
  user_id: userId,
  ...grant,
}));

/** The assignment form's fields as a custom role given to the user. */
export const previewAssignForm = roleAssignForm.transform(({ time_zone: _zone, ...fields }) => ({
  change: "assignment" as const,
  ...fields,
}));

/** The base role and team form's fields as a change to the user. */
export const previewAccountForm = accountForm.transform(({ user_id, base_role, team, reason }) => ({
  change: "user" as const,
  user_id,
  base_role,
  team,
  reason,
}));
