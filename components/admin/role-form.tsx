"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, type ActionState, type FormAction } from "@/lib/action-state";
import type { RoleView } from "@/lib/rbac/schemas";
import type { PreviewAction } from "@/lib/rbac/what-if-schemas";
import { ActionForm } from "@/components/action-form";
import { PermissionMatrix } from "./permission-matrix";
import { WhatIfPreview } from "./what-if-preview";

type RoleFormProps =
  | { mode: "create"; action: FormAction; role?: undefined; preview?: undefined }
  | { mode: "edit"; action: FormAction; role: RoleView; preview?: PreviewAction };

/** The server's messages about the permissions, whichever entry they concern. */
function permissionErrors(state: ActionState): string[] {
  if (state.status !== "error" || !state.fieldErrors) return [];
  return Object.entries(state.fieldErrors)
    .filter(([field]) => field.startsWith("permissions"))
    .map(([, message]) => message);
}

/** Creates or edits a custom role. Every rule (the name's format, uniqueness) is the server's. */
export function RoleForm({ mode, action, role, preview }: RoleFormProps) {
  return (
    <ActionForm
      action={action}
      className="grid gap-5"
      aria-label={mode === "create" ? "New role" : `Edit ${role?.name}`}
    >
      {(state, pending) => (
        <>
          {mode === "create" ? (
            <Field
              id="role-name"
              label="Name"
              hint="Lowercase: letters, digits, - and _, starting with a letter. It cannot be changed later."
              error={fieldError(state, "name")}
            >
              {(control) => <Input name="name" autoComplete="off" placeholder="read-only-experiments" {...control} />}
            </Field>
          ) : (
            <input type="hidden" name="role_name" value={role.name} />
          )}
          <Field id="role-description" label="Description" error={fieldError(state, "description")}>
            {(control) => (
              <Textarea
                name="description"
                rows={2}
                defaultValue={role?.description ?? ""}
                placeholder="What holders of this role do"
                {...control}
              />
            )}
          </Field>
          <fieldset className="grid min-w-0 gap-2">
            <legend className="mb-2 text-sm font-medium">Permissions</legend>
            {permissionErrors(state).map((message) => (
              <Alert key={message} variant="error">
                {message}
              </Alert>
            ))}
            <PermissionMatrix permissions={role?.permissions ?? []} />
          </fieldset>
          <Field
            id="role-reason"
            label="Reason (optional)"
            hint="Kept in the audit log with this change."
            error={fieldError(state, "reason")}
          >
            {(control) => <Input name="reason" autoComplete="off" {...control} />}
          </Field>
          {preview ? <WhatIfPreview preview={preview} /> : null}
          <div>
            <Button type="submit" pending={pending}>
              {mode === "create" ? "Create role" : "Save changes"}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
