"use client";

import { useState } from "react";
import { ActionForm } from "@/components/action-form";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, type FormAction } from "@/lib/action-state";
import {
  ACTIONS,
  MAX_GRANT_DAYS,
  RESOURCE_LABELS,
  RESOURCES,
  SCOPES,
  SCOPE_LABELS,
  isResource,
  isRowScoped,
  type Action,
} from "@/lib/rbac/catalog";

type AccessRequestFormProps = {
  action: FormAction;
  /** The permission asked for, from the link that led here. */
  resource: string;
  actions: Action[];
  scope: string;
};

/**
 * Asks for one permission for a number of hours, with a reason. Prefilled from the link the viewer
 * followed (a hidden control, a 403 page); the server decides what may be asked.
 */
export function AccessRequestForm({ action, resource: initialResource, actions, scope }: AccessRequestFormProps) {
  const [resource, setResource] = useState(initialResource);
  const scoped = isResource(resource) && isRowScoped(resource);
  const maxDays = isResource(resource) ? MAX_GRANT_DAYS[resource] : undefined;
  return (
    <ActionForm action={action} className="grid gap-4" aria-label="Request access">
      {(state, pending) => (
        <>
          <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
            <Field id="request-resource" label="Resource" error={fieldError(state, "resource")}>
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
                  {RESOURCES.map((name) => (
                    <option key={name} value={name}>
                      {RESOURCE_LABELS[name]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {scoped && (
              <Field
                id="request-scope"
                label="Scope"
                hint={`Which ${RESOURCE_LABELS[resource].toLowerCase()} the actions reach.`}
                error={fieldError(state, "scope")}
              >
                {(control) => (
                  <Select name="scope" defaultValue={scope} {...control}>
                    <option value="">Own rows only</option>
                    {SCOPES.map((name) => (
                      <option key={name} value={name}>
                        {SCOPE_LABELS[name]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            )}
          </div>
          <fieldset
            className="grid min-w-0 gap-2"
            aria-describedby={fieldError(state, "actions") ? "request-actions-error" : undefined}
          >
            <legend className="mb-1 text-sm font-medium">Actions</legend>
            <div className="flex flex-wrap gap-4">
              {ACTIONS.map((name, index) => (
                <Label key={name} className="flex items-center gap-2 font-normal">
                  <Checkbox
                    name="actions"
                    value={name}
                    defaultChecked={actions.includes(name)}
                    aria-invalid={index === 0 && fieldError(state, "actions") ? true : undefined}
                  />
                  {name}
                </Label>
              ))}
            </div>
            {fieldError(state, "actions") && (
              <p id="request-actions-error" role="alert" className="text-sm text-danger">
                {fieldError(state, "actions")}
              </p>
            )}
          </fieldset>
          <Field
            id="request-reason"
            label="Reason"
            hint="What you need it for: the person who decides reads this."
            error={fieldError(state, "reason")}
          >
            {(control) => <Textarea name="reason" rows={3} {...control} />}
          </Field>
          <Field
            id="request-duration"
            label="For how long (hours)"
            hint={
              maxDays
                ? `At most ${maxDays * 24} hours (${maxDays} days) for ${RESOURCE_LABELS[resource as keyof typeof RESOURCE_LABELS].toLowerCase()}. The access ends on its own.`
                : "The access ends on its own after this many hours, counted from the approval."
            }
            error={fieldError(state, "duration_hours")}
          >
            {(control) => (
              <Input
                name="duration_hours"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                defaultValue="48"
                className="max-w-40"
                {...control}
              />
            )}
          </Field>
          <div>
            <Button type="submit" pending={pending}>
              Send request
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
