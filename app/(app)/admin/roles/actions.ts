"use server";

// The role pages' forms: each shapes what the browser sends and calls lib/rbac, which authorizes,
// validates and audits; then the pages that show the change are refreshed.
import { z } from "zod";
import { AUDIT_PATH, EVERY_USER_PATH, ROLES_PATH, USERS_PATH, rolePath } from "@/lib/navigation";
import { createRole, deleteRole, updateRole } from "@/lib/rbac/service";
import { consoleAction, optionalText, previewAction, text } from "../admin-action";
import { permissionsFromForm } from "../form-fields";

/** The role form: name (new roles only), description, reason and the matrix's `perm:*` and `scope:*` fields. */
const createRoleForm = z.looseObject({ name: text, description: text, reason: optionalText }).transform((fields) => ({
  name: fields.name.trim(),
  description: fields.description.trim() || null,
  permissions: permissionsFromForm(fields),
  reason: fields.reason,
}));

export const createRoleAction = consoleAction(createRoleForm, async (input, viewer) => {
  const role = await createRole(viewer, input);
  return {
    message: `Role "${role.name}" created.`,
    revalidate: [ROLES_PATH, AUDIT_PATH],
    redirectTo: `${rolePath(role.name)}?created=1`,
  };
});

const updateRoleForm = z
  .looseObject({ role_name: z.string(), description: text, reason: optionalText })
  .transform((fields) => ({
    roleName: fields.role_name,
    changes: {
      description: fields.description.trim() || null,
      permissions: permissionsFromForm(fields),
      reason: fields.reason,
    },
  }));

export const updateRoleAction = consoleAction(updateRoleForm, async (input, viewer) => {
  const role = await updateRole(viewer, input.roleName, input.changes);
  return {
    message: `Role "${role.name}" saved.`,
    revalidate: [ROLES_PATH, rolePath(role.name), EVERY_USER_PATH, AUDIT_PATH],
  };
});

const deleteRoleForm = z.object({ role_name: z.string(), reason: optionalText });

export const deleteRoleAction = consoleAction(deleteRoleForm, async (input, viewer) => {
  await deleteRole(viewer, input.role_name, { reason: input.reason });
  return {
    message: `Role "${input.role_name}" deleted.`,
    revalidate: [ROLES_PATH, USERS_PATH, EVERY_USER_PATH, AUDIT_PATH],
    redirectTo: `${ROLES_PATH}?deleted=${encodeURIComponent(input.role_name)}`,
  };
});

/** The role form's fields as a role change, for "Preview changes". */
const previewRoleForm = z.looseObject({ role_name: z.string() }).transform((fields) => ({
  change: "role" as const,
  role_name: fields.role_name,
  permissions: permissionsFromForm(fields),
}));

export const previewRoleAction = previewAction(previewRoleForm);
