"use client";

import { useState } from "react";
import { ActionForm } from "@/components/action-form";
import { PermissionFields } from "@/components/permission-fields";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { fieldError, type FormAction } from "@/lib/action-state";
import { MAX_GRANT_DAYS, RESOURCE_LABELS, isResource, type Action } from "@/lib/rbac/catalog";

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
  const maxDays = isResource(resource) ? MAX_GRANT_DAYS[resource] : undefined;
  return (
    <ActionForm action={action} className="grid gap-4" aria-label="Request access">
      {(state, pending) => (
        <>
          <PermissionFields
            id="request"
            state={state}
            resource={resource}
            onResourceChange={setResource}
            defaultScope={scope}
            defaultActions={actions}
          />
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
