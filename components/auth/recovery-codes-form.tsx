"use client";

import { ActionForm } from "@/components/action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, type FormAction } from "@/lib/action-state";
import { RecoveryCodes } from "./recovery-codes";

/** New recovery codes, confirmed with a code of the factor or the password; the old ones stop working. */
export function RecoveryCodesForm({ action }: { action: FormAction }) {
  return (
    <ActionForm action={action} className="grid gap-4" aria-label="New recovery codes">
      {(state, pending) =>
        state.status === "success" && state.secret ? (
          <RecoveryCodes codes={state.secret} />
        ) : (
          <div className="grid gap-4 sm:grid-cols-[14rem_14rem_auto] sm:items-end">
            <Field id="codes-code" label="Code from the app, or a recovery code" error={fieldError(state, "code")}>
              {(control) => <Input name="code" autoComplete="one-time-code" {...control} />}
            </Field>
            <Field id="codes-password" label="Or your password" error={fieldError(state, "password")}>
              {(control) => <Input name="password" type="password" autoComplete="current-password" {...control} />}
            </Field>
            <ConfirmButton
              variant="outline"
              pending={pending}
              title="Make new recovery codes?"
              description="Ten new codes are shown once; every old recovery code stops working."
              confirmLabel="Make new codes"
            >
              New recovery codes
            </ConfirmButton>
          </div>
        )
      }
    </ActionForm>
  );
}
