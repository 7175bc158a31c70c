"use client";

import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { fieldError, type FormAction } from "@/lib/action-state";

export function MfaDisableForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="grid gap-4" aria-label="Turn off two-factor sign-in">
      {(state, pending) => (
        <div className="grid gap-4 sm:grid-cols-[16rem_auto] sm:items-end">
          <Field id="mfa-off-code" label="Current code or a recovery code" error={fieldError(state, "code")}>
            {(control) => <Input name="code" autoComplete="one-time-code" required {...control} />}
          </Field>
          <ConfirmButton
            pending={pending}
            title="Turn off two-factor sign-in?"
            description="Your password alone will sign you in again, and your recovery codes stop working."
            confirmLabel="Turn off"
          >
            Turn off
          </ConfirmButton>
        </div>
      )}
    </ActionForm>
  );
}
