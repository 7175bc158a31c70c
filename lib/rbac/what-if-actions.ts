// The admin console's "Preview changes": the form a change is made with, read as a what-if
// proposal and answered with who would be affected. The same service as POST /rbac/what-if.
import "server-only";
import { z } from "zod";
import { errorState, formDataToObject } from "@/lib/actions";
import { getViewer } from "@/lib/auth/viewer";
import { fieldErrors } from "@/lib/validation";
import { accountForm, grantForm, roleAssignForm } from "./console-actions";
import { permissionsFromForm } from "./console-forms";
import { whatIf } from "./what-if";
import type { PreviewAction } from "./what-if-schemas";

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

/** A preview action for one form: the viewer, the form shaped by `schema`, then whatIf. */
export function previewAction<S extends z.ZodType>(schema: S): PreviewAction {
  return async (formData) => {
    if (!(formData instanceof FormData)) return { status: "error", error: "This form could not be read." };
    try {
      const viewer = await getViewer();
      if (!viewer) return { status: "error", error: "Your session has ended. Sign in again." };
      const parsed = schema.safeParse(formDataToObject(formData));
      if (!parsed.success) {
        const fields = Object.fromEntries(fieldErrors(parsed.error).map((e) => [e.field, e.message]));
        return { status: "error", error: "Check the highlighted fields.", fieldErrors: fields };
      }
      return { status: "ready", result: await whatIf(viewer, parsed.data) };
    } catch (error) {
      const state = errorState(error);
      return state.status === "error" ? state : { status: "error", error: "The preview could not be made." };
    }
  };
}
