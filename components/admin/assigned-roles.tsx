"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DateTime } from "@/components/ui/local-time";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { fieldError, idle, type FormAction } from "@/lib/action-state";
import { rolePath } from "@/lib/navigation";
import type { AssignedRole } from "@/lib/rbac/service";
import type { PreviewAction } from "@/lib/rbac/what-if-schemas";
import { ActionForm, ActionResult, useFormAction } from "@/components/action-form";
import { TimeZoneInput, useBrowserTimeZone } from "./time-zone";
import { WhatIfPreview } from "./what-if-preview";

export type AssignedRoleRow = AssignedRole & { assignedAt: string };

type AssignedRolesProps = {
  userId: string;
  username: string;
  assigned: AssignedRoleRow[];
  /** Custom roles the user does not hold yet. */
  assignable: { name: string; description: string | null }[];
  assignAction: FormAction;
  revokeAction: FormAction;
  /** Shows who the assignment would affect before it is made. */
  previewAction?: PreviewAction;
  readOnly: boolean;
};

export function AssignedRoles(props: AssignedRolesProps) {
  const { userId, username, assigned, assignable, assignAction, revokeAction, previewAction, readOnly } = props;
  const revoke = useFormAction(revokeAction, idle);
  const zone = useBrowserTimeZone();
  return (
    <div className="grid gap-5">
      <ActionResult state={revoke.state} />
      {assigned.length === 0 ? (
        <EmptyState
          title="No custom roles"
          description={`${username} has only their base role's permissions and any direct grants.`}
        />
      ) : (
        <Table aria-label={`Custom roles of ${username}`}>
          <TableHeader>
            <TableRow>
              <TableHead>Role</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Assigned</TableHead>
              <TableHead>Until</TableHead>
              {!readOnly && <TableHead>Revoke (reason optional)</TableHead>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {assigned.map((role) => (
              <TableRow key={role.id}>
                <TableHead scope="row" className="h-auto py-2.5">
                  <Link
                    href={rolePath(role.name)}
                    className="font-medium text-accent underline-offset-4 hover:underline"
                  >
                    {role.name}
                  </Link>
                </TableHead>
                <TableCell className="max-w-56">
                  {role.reason ?? <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell className="text-xs">
                  <DateTime value={role.assignedAt} />
                  {role.assigned_by && <span className="text-muted-foreground"> by {role.assigned_by.username}</span>}
                </TableCell>
                <TableCell className="text-xs">
                  {role.expires_at ? (
                    <span className={role.expired ? "text-muted-foreground" : undefined}>
                      {role.expired ? "Ended " : ""}
                      <DateTime value={role.expires_at} />
                      {role.expired && " (grants nothing; assign again to renew)"}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">until revoked</span>
                  )}
                </TableCell>
                {!readOnly && (
                  <TableCell>
                    <form {...revoke.formProps} className="flex items-center gap-2">
                      <input type="hidden" name="user_id" value={userId} />
                      <input type="hidden" name="role_name" value={role.name} />
                      <Input
                        name="reason"
                        aria-label={`Reason for revoking ${role.name}`}
                        className="h-8 w-44"
                        autoComplete="off"
                      />
                      <ConfirmButton
                        size="sm"
                        title={`Revoke "${role.name}" from ${username}?`}
                        description={`${username} loses the role's permissions on their next request, unless another layer grants them.`}
                        confirmLabel="Revoke role"
                      >
                        Revoke
                      </ConfirmButton>
                    </form>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {!readOnly && (
        <ActionForm action={assignAction} className="grid gap-4" aria-label="Assign a custom role">
          {(state, pending) => (
            <>
              <input type="hidden" name="user_id" value={userId} />
              <div className="grid gap-4 sm:grid-cols-[16rem_1fr_14rem_auto] sm:items-end">
                <Field id="assign-role" label="Assign a role" error={fieldError(state, "role_name")}>
                  {(control) => (
                    <Select name="role_name" defaultValue="" disabled={assignable.length === 0} {...control}>
                      <option value="" disabled>
                        {assignable.length === 0 ? "No other custom role" : "Choose a role"}
                      </option>
                      {assignable.map((role) => (
                        <option key={role.name} value={role.name}>
                          {role.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field id="assign-reason" label="Reason" error={fieldError(state, "reason")}>
                  {(control) => (
                    <Input name="reason" autoComplete="off" placeholder="Why this user needs it" {...control} />
                  )}
                </Field>
                <Field
                  id="assign-expiry"
                  label={`Until (optional, ${zone} time)`}
                  error={fieldError(state, "expires_at")}
                >
                  {(control) => <Input name="expires_local" type="datetime-local" {...control} />}
                </Field>
                <Button type="submit" pending={pending} disabled={assignable.length === 0}>
                  Assign
                </Button>
              </div>
              <TimeZoneInput name="time_zone" zone={zone} />
              {previewAction ? <WhatIfPreview preview={previewAction} /> : null}
            </>
          )}
        </ActionForm>
      )}
    </div>
  );
}
