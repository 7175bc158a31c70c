"use client";

import { ActionResult, useFormAction } from "@/components/action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { DateTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { idle, type FormAction } from "@/lib/action-state";
import type { AccessRequestView } from "@/lib/rbac/access-request-schemas";
import { permissionLabel } from "@/lib/rbac/catalog";

type QueueProps = {
  requests: AccessRequestView[];
  viewerId: string;
  approve: FormAction;
  deny: FormAction;
};

const permissionOf = (request: AccessRequestView) => permissionLabel(request.resource, request.actions, request.scope);

/** Pending requests, oldest first, each approved or denied after a confirmation; one's own cannot be decided. */
export function AccessRequestQueue({ requests, viewerId, approve, deny }: QueueProps) {
  const approval = useFormAction(approve, idle);
  const denial = useFormAction(deny, idle);
  return (
    <div className="grid gap-3">
      <ActionResult state={approval.state} />
      <ActionResult state={denial.state} />
      {requests.length === 0 ? (
        <EmptyState title="No pending requests" description="New requests appear here, oldest first." />
      ) : (
        <Table aria-label="Pending access requests">
          <TableHeader>
            <TableRow>
              <TableHead>Who</TableHead>
              <TableHead>Permission</TableHead>
              <TableHead>For</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Asked</TableHead>
              <TableHead>
                <span className="sr-only">Decision</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requests.map((request) => (
              <TableRow key={request.id}>
                <TableHead scope="row" className="h-auto py-2.5 text-foreground">
                  {request.requester_username}
                </TableHead>
                <TableCell className="text-xs">{permissionOf(request)}</TableCell>
                <TableCell>{request.duration_hours} h</TableCell>
                <TableCell className="max-w-56">{request.reason}</TableCell>
                <TableCell className="text-xs">
                  <DateTime value={request.created_at} />
                </TableCell>
                <TableCell>
                  {request.requester_id === viewerId ? (
                    <span className="text-xs text-muted-foreground">Your own: another admin decides it</span>
                  ) : (
                    <div className="flex flex-wrap items-start gap-3">
                      <form {...approval.formProps} aria-label={`Approve ${request.requester_username}'s request`}>
                        <input type="hidden" name="request_id" value={request.id} />
                        <ConfirmButton
                          size="sm"
                          variant="primary"
                          title={`Grant ${request.requester_username} ${permissionOf(request)}?`}
                          description={`For ${request.duration_hours} hours from now, as a direct grant linked to this request. It ends on its own; the audit log keeps the decision.`}
                          confirmLabel="Approve"
                        >
                          Approve
                        </ConfirmButton>
                      </form>
                      <form
                        {...denial.formProps}
                        className="flex flex-wrap items-start gap-2"
                        aria-label={`Deny ${request.requester_username}'s request`}
                      >
                        <input type="hidden" name="request_id" value={request.id} />
                        <Input
                          name="reason"
                          aria-label={`Why deny ${request.requester_username}'s request`}
                          placeholder="Reason for denying"
                          autoComplete="off"
                          className="h-8 w-48"
                        />
                        <ConfirmButton
                          size="sm"
                          title={`Deny ${request.requester_username}'s request for ${permissionOf(request)}?`}
                          description="Nothing is granted. They see your reason on their next page."
                          confirmLabel="Deny"
                        >
                          Deny
                        </ConfirmButton>
                      </form>
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
