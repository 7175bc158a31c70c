"use client";

import { ActionForm } from "@/components/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, type FormAction } from "@/lib/action-state";

/** Current password, then the new one twice. Changing it signs out every other session. */
export function PasswordForm({ action, minLength }: { action: FormAction; minLength: number }) {
  return (
    <ActionForm action={action} className="grid max-w-md gap-4" aria-label="Change your password">
      {(state, pending) => (
        <>
          <Field id="password-current" label="Current password" error={fieldError(state, "current")}>
            {(control) => (
              <Input name="current" type="password" autoComplete="current-password" required {...control} />
            )}
          </Field>
          <Field
            id="password-next"
            label="New password"
            hint={`At least ${minLength} characters; not a common password.`}
            error={fieldError(state, "next")}
          >
            {(control) => (
              <Input
                name="next"
                type="password"
                autoComplete="new-password"
                required
                minLength={minLength}
                {...control}
              />
            )}
          </Field>
          <Field id="password-confirm" label="New password again" error={fieldError(state, "confirm")}>
            {(control) => <Input name="confirm" type="password" autoComplete="new-password" required {...control} />}
          </Field>
          <div>
            <Button type="submit" pending={pending}>
              Change password
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
