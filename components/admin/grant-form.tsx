"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fieldError, type FormAction } from "@/lib/action-state";
import type { PreviewAction } from "@/lib/rbac/what-if-schemas";
import { ActionForm } from "@/components/action-form";
import { PermissionFields } from "@/components/permission-fields";
import { TimeZoneInput, useBrowserTimeZone } from "./time-zone";
import { WhatIfPreview } from "./what-if-preview";

/**
 * Grants one user actions on one resource directly, optionally until a time in the browser's zone.
 */
export function GrantForm({
  action,
  userId,
  preview,
}: {
  action: FormAction;
  userId: string;
  preview?: PreviewAction;
}) {
  const zone = useBrowserTimeZone();
  const [resource, setResource] = useState("");
  return (
    <ActionForm action={action} className="grid gap-4" aria-label="Grant a permission">
      {(state, pending) => (
        <>
          <input type="hidden" name="user_id" value={userId} />
          <PermissionFields id="grant" state={state} resource={resource} onResourceChange={setResource} />
          <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
            <Field id="grant-reason" label="Reason" error={fieldError(state, "reason")}>
              {(control) => <Input name="reason" autoComplete="off" placeholder="Q1 compliance audit" {...control} />}
            </Field>
            <Field
              id="grant-expiry"
              label={`Expires (optional, ${zone} time)`}
              hint={`Read in ${zone}, your browser's time zone; stored in UTC. Empty: never expires.`}
              error={fieldError(state, "expires_at")}
            >
              {(control) => <Input name="expires_local" type="datetime-local" {...control} />}
            </Field>
          </div>
          <TimeZoneInput name="time_zone" zone={zone} />
          {preview ? <WhatIfPreview preview={preview} /> : null}
          <div>
            <Button type="submit" pending={pending}>
              Grant
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
