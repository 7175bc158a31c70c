"use client";

import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FormAction } from "@/lib/action-state";
import { ActionForm } from "@/components/action-form";

type DeleteRoleFormProps = { action: FormAction; roleName: string; userCount: number };

export function DeleteRoleForm({ action, roleName, userCount }: DeleteRoleFormProps) {
  const holders =
    userCount === 0
      ? "No user holds it."
      : `${userCount} user${userCount === 1 ? " holds" : "s hold"} it and will lose its permissions on their next request.`;
  return (
    <ActionForm action={action} className="grid gap-4" aria-label={`Delete ${roleName}`}>
      {(_state, pending) => (
        <>
          <input type="hidden" name="role_name" value={roleName} />
          <Field id="delete-reason" label="Reason (optional)">
            {(control) => <Input name="reason" autoComplete="off" {...control} />}
          </Field>
          <div>
            <ConfirmButton
              pending={pending}
              title={`Delete the role "${roleName}"?`}
              description={`${holders} The audit log keeps who held it.`}
              confirmLabel="Delete role"
            >
              Delete role
            </ConfirmButton>
          </div>
        </>
      )}
    </ActionForm>
  );
}
