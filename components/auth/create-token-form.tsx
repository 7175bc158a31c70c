"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/app/(app)/account/tokens/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fieldError, idle } from "@/lib/action-state";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, idle);
  return (
    <form action={action} className="grid gap-4" aria-label="Create an API token">
      {state.status === "error" && <Alert variant="error">{state.error}</Alert>}
      {state.status === "success" && state.secret && (
        <Alert variant="success" title={state.message}>
          <code
            data-testid="new-token"
            className="mt-1 block rounded bg-background px-2 py-1 font-mono text-sm break-all select-all"
          >
            {state.secret}
          </code>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field id="token-name" label="Name" error={fieldError(state, "name")}>
          {(control) => <Input name="name" placeholder="e.g. reporting script" required maxLength={100} {...control} />}
        </Field>
        <Field id="token-expiry" label="Expires" error={fieldError(state, "expiresIn")}>
          {(control) => (
            <Select name="expiresIn" defaultValue="30" {...control}>
              <option value="7">in 7 days</option>
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="never">never</option>
            </Select>
          )}
        </Field>
        <Button type="submit" pending={pending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
