"use client";

import { startTransition, useActionState, useId, useOptimistic, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Switch } from "@/components/ui/switch";
import { idle, type FormAction } from "@/lib/action-state";
import { BASE_ROLES, type BaseRole } from "@/lib/rbac/catalog";

interface FlagState {
  enabled: boolean;
  base_roles: BaseRole[];
}

interface FlagControlsProps {
  flagKey: string;
  name: string;
  state: FlagState;
  action: FormAction;
}

/**
 * A flag's switch and its base-role limit. Each change is sent at once (no confirmation); the
 * answer offers Undo, which sends back the state the change replaced.
 */
export function FlagControls({ flagKey, name, state, action }: FlagControlsProps) {
  const [result, dispatch, pending] = useActionState(action, idle);
  const [shown, show] = useOptimistic(state);
  const [undo, setUndo] = useState<FlagState | null>(null);
  const limitId = useId();

  const send = (next: FlagState) => {
    if (pending) return;
    const data = new FormData();
    data.set("key", flagKey);
    data.set("enabled", String(next.enabled));
    for (const role of next.base_roles) data.append("base_roles", role);
    setUndo(shown);
    startTransition(() => {
      show(next);
      dispatch(data);
    });
  };
  const toggleRole = (role: BaseRole) =>
    send({
      ...shown,
      base_roles: shown.base_roles.includes(role)
        ? shown.base_roles.filter((held) => held !== role)
        : BASE_ROLES.filter((r) => r === role || shown.base_roles.includes(r)),
    });
  const problem = result.status === "error" ? (Object.values(result.fieldErrors ?? {})[0] ?? result.error) : null;

  return (
    <div className="grid gap-4" aria-busy={pending || undefined}>
      <div className="flex items-center gap-3">
        <Switch
          checked={shown.enabled}
          aria-label={name}
          aria-disabled={pending || undefined}
          onClick={() => send({ ...shown, enabled: !shown.enabled })}
        />
        <span className="text-sm font-medium">{shown.enabled ? "On" : "Off"}</span>
      </div>
      <fieldset className="grid gap-2" aria-describedby={limitId}>
        <legend className="text-sm font-medium">Only for these base roles</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {BASE_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={shown.base_roles.includes(role)}
                aria-disabled={pending || undefined}
                onChange={() => toggleRole(role)}
              />
              {role}
            </label>
          ))}
        </div>
        <p id={limitId} className="text-xs text-muted-foreground">
          None ticked: the flag applies to everyone.
        </p>
      </fieldset>
      {problem && <Alert variant="error">{problem}</Alert>}
      {result.status === "success" && (
        <Alert variant="success">
          <span className="flex flex-wrap items-center gap-3">
            {result.message}
            {undo && (
              <Button type="button" variant="outline" size="sm" onClick={() => send(undo)}>
                Undo
              </Button>
            )}
          </span>
        </Alert>
      )}
    </div>
  );
}
