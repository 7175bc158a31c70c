"use client";

import { ActionForm } from "@/components/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, type FormAction } from "@/lib/action-state";
import { RecoveryCodes } from "./recovery-codes";

interface MfaEnrolFormProps {
  action: FormAction;
  /** The QR code, an SVG drawn on the server. */
  qrSvg: string;
  secret: string;
  ticket: string;
}

/** Once turned on, the form gives way to the recovery codes, shown this once. */
export function MfaEnrolForm({ action, qrSvg, secret, ticket }: MfaEnrolFormProps) {
  return (
    <ActionForm action={action} quiet className="grid gap-4" aria-label="Turn on two-factor sign-in">
      {(state, pending) =>
        state.status === "success" && state.secret ? (
          <>
            <Alert variant="success" title={state.message}>
              Each code signs in once, when the app is not at hand.
            </Alert>
            <RecoveryCodes codes={state.secret} />
          </>
        ) : (
          <>
            <ol className="grid list-decimal gap-2 pl-5 text-sm">
              <li>Scan this QR code with an authenticator app (or type in the key below).</li>
              <li>Enter the 6-digit code it shows.</li>
            </ol>
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="size-48 rounded border border-border bg-white p-1"
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
            <p className="text-sm">
              Key:{" "}
              <code data-testid="totp-secret" className="font-mono break-all select-all">
                {secret}
              </code>
            </p>
            <input type="hidden" name="ticket" value={ticket} />
            <div className="grid gap-4 sm:grid-cols-[12rem_auto] sm:items-end">
              <Field id="mfa-code" label="Code from the app" error={fieldError(state, "code")}>
                {(control) => (
                  <Input name="code" inputMode="numeric" autoComplete="one-time-code" required {...control} />
                )}
              </Field>
              <Button type="submit" pending={pending}>
                Turn on
              </Button>
            </div>
          </>
        )
      }
    </ActionForm>
  );
}
