"use client";

import { useState } from "react";
import { ActionForm } from "@/components/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { fieldError, type FormAction } from "@/lib/action-state";
import { CopyButton } from "./copy-button";

interface CreateTokenFormProps {
  action: FormAction;
  /** The "resource:action" pairs the viewer holds: a token may carry any of them. */
  held: string[];
  /** The row scopes the viewer may cap a token's sales at, narrowest first. */
  saleScopes: string[];
  /** Expiry choices in days ("never" where allowed). */
  expiryChoices: string[];
}

function expiryLabel(choice: string): string {
  if (choice === "never") return "never";
  if (choice === "365") return "in a year";
  return `in ${choice} day${choice === "1" ? "" : "s"}`;
}

export function CreateTokenForm({ action, held, saleScopes, expiryChoices }: CreateTokenFormProps) {
  const [access, setAccess] = useState<"all" | "some">("all");
  const defaultExpiry = expiryChoices.includes("30") ? "30" : expiryChoices[expiryChoices.length - 1];
  return (
    <ActionForm action={action} quiet className="grid gap-4" aria-label="Create an API token">
      {(state, pending) => (
        <>
          {state.status === "success" && state.secret && (
            <Alert variant="success" title={state.message}>
              <div className="mt-1 flex flex-wrap items-center gap-2">
                <code
                  data-testid="new-token"
                  className="block flex-1 rounded bg-background px-2 py-1 font-mono text-sm break-all select-all"
                >
                  {state.secret}
                </code>
                <CopyButton text={state.secret} />
              </div>
            </Alert>
          )}
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem] sm:items-end">
            <Field id="token-name" label="Name" error={fieldError(state, "name")}>
              {(control) => (
                <Input name="name" placeholder="e.g. reporting script" required maxLength={100} {...control} />
              )}
            </Field>
            <Field
              id="token-expiry"
              label="Expires"
              error={fieldError(state, "expires_at") ?? fieldError(state, "expiresIn")}
            >
              {(control) => (
                <Select name="expiresIn" defaultValue={defaultExpiry} {...control}>
                  {expiryChoices.map((choice) => (
                    <option key={choice} value={choice}>
                      {expiryLabel(choice)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">What it may do</legend>
            <Label className="flex items-center gap-2 font-normal">
              <input
                type="radio"
                name="access"
                value="all"
                checked={access === "all"}
                onChange={() => setAccess("all")}
              />
              Everything you may do, as your permissions change
            </Label>
            <Label className="flex items-center gap-2 font-normal">
              <input
                type="radio"
                name="access"
                value="some"
                checked={access === "some"}
                onChange={() => setAccess("some")}
              />
              Only these permissions (never more than you hold)
            </Label>
            {access === "some" && (
              <div className="grid gap-1 pl-6 sm:grid-cols-3" role="group" aria-label="Permissions">
                {held.map((pair) => (
                  <Label key={pair} className="flex items-center gap-2 font-mono text-xs font-normal">
                    <Checkbox name="permissions" value={pair} />
                    {pair}
                  </Label>
                ))}
              </div>
            )}
            {fieldError(state, "permissions") && (
              <p className="text-sm text-danger">{fieldError(state, "permissions")}</p>
            )}
          </fieldset>
          {saleScopes.length > 0 && (
            <Field
              id="token-scope-sale"
              label="Sales it may reach"
              hint="A ceiling: the token never sees more rows than you do."
              error={fieldError(state, "scopes")}
              className="sm:max-w-xs"
            >
              {(control) => (
                <Select name="scope_sale" defaultValue="" {...control}>
                  <option value="">as many as you may</option>
                  {saleScopes.map((scope) => (
                    <option key={scope} value={scope}>
                      {scope === "own" ? "only your own" : scope === "team" ? "your team's at most" : "all"}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          <div>
            <Button type="submit" pending={pending}>
              Create token
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
