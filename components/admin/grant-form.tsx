"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { fieldError, type FormAction } from "@/lib/action-state";
import { ACTIONS, RESOURCE_LABELS, RESOURCES, SCOPES, isResource, isRowScoped, SCOPE_LABELS } from "@/lib/rbac/catalog";
import type { PreviewAction } from "@/lib/rbac/what-if-schemas";
import { ActionForm } from "@/components/action-form";
import { TimeZoneInput, useBrowserTimeZone } from "./time-zone";
import { WhatIfPreview } from "./what-if-preview";

/**
 * Grants one user actions on one resource directly, optionally until a time in the browser's zone.
 * The scope is offered only for a resource whose rows have owners: elsewhere the server refuses one.
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
  // Controlled, so the scope field follows the choice and survives a refused submit.
  const [resource, setResource] = useState("");
  const scoped = isResource(resource) && isRowScoped(resource);
  return (
    <ActionForm action={action} className="grid gap-4" aria-label="Grant a permission">
      {(state, pending) => (
        <>
          <input type="hidden" name="user_id" value={userId} />
          <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
            <Field id="grant-resource" label="Resource" error={fieldError(state, "resource")}>
              {(control) => (
                <Select
                  name="resource"
                  value={resource}
                  onChange={(event) => setResource(event.target.value)}
                  {...control}
                >
                  <option value="" disabled>
                    Choose a resource
                  </option>
                  {RESOURCES.map((resource) => (
                    <option key={resource} value={resource}>
                      {RESOURCE_LABELS[resource]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {scoped ? (
              <Field
                id="grant-scope"
                label="Scope"
                hint={`Which ${RESOURCE_LABELS[resource].toLowerCase()} the actions reach.`}
                error={fieldError(state, "scope")}
              >
                {(control) => (
                  <Select name="scope" defaultValue="" {...control}>
                    <option value="">Own rows only</option>
                    {SCOPES.map((scope) => (
                      <option key={scope} value={scope}>
                        {SCOPE_LABELS[scope]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ) : (
              fieldError(state, "scope") && (
                <p role="alert" className="text-sm text-danger">
                  {fieldError(state, "scope")}
                </p>
              )
            )}
          </div>
          <fieldset
            className="grid min-w-0 gap-2"
            aria-describedby={fieldError(state, "actions") ? "grant-actions-error" : undefined}
          >
            <legend className="mb-1 text-sm font-medium">Actions</legend>
            <div className="flex flex-wrap gap-4">
              {ACTIONS.map((action, index) => (
                <Label key={action} className="flex items-center gap-2 font-normal">
                  <Checkbox
                    name="actions"
                    value={action}
                    // The first box takes the focus when no action was chosen.
                    aria-invalid={index === 0 && fieldError(state, "actions") ? true : undefined}
                  />
                  {action}
                </Label>
              ))}
            </div>
            {fieldError(state, "actions") && (
              <p id="grant-actions-error" role="alert" className="text-sm text-danger">
                {fieldError(state, "actions")}
              </p>
            )}
          </fieldset>
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
