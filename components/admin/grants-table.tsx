"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { idle, type FormAction } from "@/lib/action-state";
import type { UserGrant } from "@/lib/rbac/service";
import { ActionResult, useFormAction } from "@/components/action-form";

export type GrantRow = UserGrant & {
  /** The expiry as rendered on the server (dates and "expires in 3 days" need its clock). */
  expiry: ReactNode;
};

const STATUS: Record<UserGrant["status"], ReactNode> = {
  active: <Badge variant="success">Active</Badge>,
  expired: <Badge>Expired</Badge>,
  inactive: <Badge>Inactive</Badge>,
};

type GrantsTableProps = { action: FormAction; grants: GrantRow[]; username: string; readOnly: boolean };

/** The user's direct grants, expired ones included, each revocable; the result stays when the last goes. */
export function GrantsTable({ action, grants, username, readOnly }: GrantsTableProps) {
  const { state, formProps } = useFormAction(action, idle);
  return (
    <div className="grid gap-3">
      <ActionResult state={state} />
      {grants.length === 0 ? (
        <EmptyState
          title="No direct grants"
          description={readOnly ? undefined : "Grant a permission below for a one-off or temporary need."}
        />
      ) : (
        <Table aria-label={`Direct grants of ${username}`}>
          <TableHeader>
            <TableRow>
              <TableHead>Resource</TableHead>
              <TableHead>Actions</TableHead>
              <TableHead>Scope</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Expiry</TableHead>
              <TableHead>Status</TableHead>
              {!readOnly && (
                <TableHead>
                  <span className="sr-only">Revoke</span>
                </TableHead>
              )}
            </TableRow>
          </TableHeader>
          <TableBody>
            {grants.map((grant) => (
              <TableRow key={grant.id}>
                <TableHead scope="row" className="h-auto py-2.5 font-mono text-xs text-foreground">
                  {grant.resource}
                </TableHead>
                <TableCell>{grant.actions.join(", ")}</TableCell>
                <TableCell>{grant.scope ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell className="max-w-56">
                  {grant.reason ?? <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell className="text-xs">{grant.expiry}</TableCell>
                <TableCell>{STATUS[grant.status]}</TableCell>
                {!readOnly && (
                  <TableCell className="text-right">
                    <form {...formProps}>
                      <input type="hidden" name="grant_id" value={grant.id} />
                      <ConfirmButton
                        size="sm"
                        title={`Revoke ${grant.actions.join(", ")} on ${grant.resource}?`}
                        description={`${username} loses what only this grant gave them, on their next request. The audit log keeps the grant.`}
                        confirmLabel="Revoke grant"
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
    </div>
  );
}
