"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { fieldError, type ActionState } from "@/lib/action-state";
import {
  ACTIONS,
  RESOURCE_LABELS,
  RESOURCES,
  SCOPES,
  SCOPE_LABELS,
  isResource,
  isRowScoped,
  type Action,
} from "@/lib/rbac/catalog";

type PermissionFieldsProps = {
  /** Prefix of the fields' ids, unique on the page. */
  id: string;
  state: ActionState;
  /** Controlled, so the scope field follows the choice and survives a refused submit. */
  resource: string;
  onResourceChange: (resource: string) => void;
  defaultScope?: string;
  defaultActions?: Action[];
};

/**
 * One permission as a form asks for it: a resource, the scope where its rows have owners (elsewhere
 * the server refuses one), and the actions, sent as `resource`, `scope` and `actions`.
 */
export function PermissionFields({
  id,
  state,
  resource,
  onResourceChange,
  defaultScope = "",
  defaultActions = [],
}: PermissionFieldsProps) {
  const scoped = isResource(resource) && isRowScoped(resource);
  const actionsError = fieldError(state, "actions");
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
        <Field id={`${id}-resource`} label="Resource" error={fieldError(state, "resource")}>
          {(control) => (
            <Select
              name="resource"
              value={resource}
              onChange={(event) => onResourceChange(event.target.value)}
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
        {scoped ? (
          <Field
            id={`${id}-scope`}
            label="Scope"
            hint={`Which ${RESOURCE_LABELS[resource].toLowerCase()} the actions reach.`}
            error={fieldError(state, "scope")}
          >
            {(control) => (
              <Select name="scope" defaultValue={defaultScope} {...control}>
                <option value="">Own rows only</option>
                {SCOPES.map((name) => (
                  <option key={name} value={name}>
                    {SCOPE_LABELS[name]}
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
      <fieldset className="grid min-w-0 gap-2" aria-describedby={actionsError ? `${id}-actions-error` : undefined}>
        <legend className="mb-1 text-sm font-medium">Actions</legend>
        <div className="flex flex-wrap gap-4">
          {ACTIONS.map((name, index) => (
            <Label key={name} className="flex items-center gap-2 font-normal">
              <Checkbox
                name="actions"
                value={name}
                defaultChecked={defaultActions.includes(name)}
                // The first box takes the focus when no action was chosen.
                aria-invalid={index === 0 && actionsError ? true : undefined}
              />
              {name}
            </Label>
          ))}
        </div>
        {actionsError && (
          <p id={`${id}-actions-error`} role="alert" className="text-sm text-danger">
            {actionsError}
          </p>
        )}
      </fieldset>
    </>
  );
}
