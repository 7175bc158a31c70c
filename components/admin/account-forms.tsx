"use client";

import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PersonPicker, type Person } from "@/components/ui/person-picker";
import { Select } from "@/components/ui/select";
import { fieldError, type FormAction } from "@/lib/action-state";
import { BASE_ROLES } from "@/lib/rbac/catalog";
import type { UserSummary } from "@/lib/rbac/service";
import type { PreviewAction } from "@/lib/rbac/what-if-schemas";
import { ActionForm } from "@/components/action-form";
import { WhatIfPreview } from "./what-if-preview";

type AccountFormsProps = {
  action: FormAction;
  user: UserSummary;
  teams: string[];
  /** Whom they report to now (others are suggested as one types), and the regions sales are in. */
  manager: Person | null;
  regions: string[];
  /** The viewer is this user. */
  isSelf: boolean;
  /** Only a superuser sees the superuser switch. */
  viewerIsSuperuser: boolean;
  /** Shows who a new base role or team would affect before it is saved. */
  preview?: PreviewAction;
};

/** Base role and team; then activation and superuser status, each behind a confirmation. */
export function AccountForms(props: AccountFormsProps) {
  const { action, user, teams, manager, regions, isSelf, viewerIsSuperuser, preview } = props;
  const you = isSelf ? "you" : user.username;
  return (
    <div className="grid gap-6">
      <ActionForm action={action} className="grid gap-4" aria-label="Base role and team">
        {(state, pending) => (
          <>
            <input type="hidden" name="user_id" value={user.id} />
            <div className="grid gap-4 sm:grid-cols-3 sm:items-start">
              <Field id="account-base-role" label="Base role" error={fieldError(state, "base_role")}>
                {(control) => (
                  <Select name="base_role" defaultValue={user.base_role} {...control}>
                    {BASE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field id="account-team" label="Team" hint="Empty: no team." error={fieldError(state, "team")}>
                {(control) => (
                  <Input
                    name="team"
                    list="known-teams"
                    defaultValue={user.team ?? ""}
                    autoComplete="off"
                    {...control}
                  />
                )}
              </Field>
              <Field id="account-reason" label="Reason (optional)" error={fieldError(state, "reason")}>
                {(control) => <Input name="reason" autoComplete="off" {...control} />}
              </Field>
            </div>
            <datalist id="known-teams">
              {teams.map((team) => (
                <option key={team} value={team} />
              ))}
            </datalist>
            {preview ? <WhatIfPreview preview={preview} /> : null}
            <div>
              <Button type="submit" pending={pending}>
                Save base role and team
              </Button>
            </div>
          </>
        )}
      </ActionForm>

      <ActionForm action={action} className="grid gap-4 border-t pt-5" aria-label="Reporting line and regions">
        {(state, pending) => (
          <>
            <input type="hidden" name="user_id" value={user.id} />
            <div className="grid gap-4 sm:grid-cols-3 sm:items-start">
              <Field
                id="account-manager"
                label="Reports to"
                hint="Anyone above them with a reporting-line scope sees their rows."
                error={fieldError(state, "manager_id")}
              >
                {(control) => (
                  <PersonPicker
                    name="manager_id"
                    initial={manager}
                    source="/admin/users/managers"
                    listKey="people"
                    params={{ exclude: user.id }}
                    placeholder="Nobody: type a name"
                    noMatch={(typed) => `No active person matches “${typed}”.`}
                    noOne="There is no one else to report to."
                    failure="The people could not be loaded: try again"
                    {...control}
                  />
                )}
              </Field>
              <Field
                id="account-regions"
                label="Regions"
                hint={`Separate with commas${regions.length > 0 ? `, e.g. ${regions.slice(0, 2).join(", ")}` : ""}. A region scope reaches these.`}
                error={fieldError(state, "regions")}
              >
                {(control) => (
                  <Input name="regions" defaultValue={user.regions.join(", ")} autoComplete="off" {...control} />
                )}
              </Field>
              <Field id="account-line-reason" label="Reason (optional)" error={fieldError(state, "reason")}>
                {(control) => <Input name="reason" autoComplete="off" {...control} />}
              </Field>
            </div>
            <div>
              <Button type="submit" pending={pending}>
                Save reporting line and regions
              </Button>
            </div>
          </>
        )}
      </ActionForm>

      <div className="flex flex-wrap items-start gap-6 border-t pt-5">
        <ActionForm action={action} className="grid gap-2" aria-label="Activation">
          {(_state, pending) => (
            <>
              <input type="hidden" name="user_id" value={user.id} />
              <input type="hidden" name="is_active" value={user.is_active ? "false" : "true"} />
              {user.is_active ? (
                <ConfirmButton
                  pending={pending}
                  title={`Deactivate ${user.username}?`}
                  description={`${isSelf ? "You" : user.username} will be signed out everywhere and unable to sign in or use API tokens until reactivated.`}
                  confirmLabel="Deactivate"
                >
                  Deactivate {you}
                </ConfirmButton>
              ) : (
                <Button type="submit" variant="outline" pending={pending}>
                  Reactivate {user.username}
                </Button>
              )}
            </>
          )}
        </ActionForm>
        {viewerIsSuperuser && (
          <ActionForm action={action} className="grid gap-2" aria-label="Superuser status">
            {(_state, pending) => (
              <>
                <input type="hidden" name="user_id" value={user.id} />
                <input type="hidden" name="is_superuser" value={user.is_superuser ? "false" : "true"} />
                <ConfirmButton
                  variant={user.is_superuser ? "destructive" : "outline"}
                  pending={pending}
                  title={
                    user.is_superuser
                      ? `Remove superuser status from ${user.username}?`
                      : `Make ${user.username} a superuser?`
                  }
                  description={
                    user.is_superuser
                      ? "Their permissions fall back to their roles and grants, and their sessions end."
                      : "A superuser passes every permission check and can change other superusers."
                  }
                  confirmLabel={user.is_superuser ? "Remove superuser status" : "Make superuser"}
                >
                  {user.is_superuser ? "Remove superuser status" : "Make superuser"}
                </ConfirmButton>
              </>
            )}
          </ActionForm>
        )}
      </div>
    </div>
  );
}
