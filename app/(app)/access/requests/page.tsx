import type { Metadata } from "next";
import Link from "next/link";
import { AccessRequestStatusBadge } from "@/components/access/access-request-status";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/viewer";
import { REQUEST_ACCESS_PATH } from "@/lib/rbac/access-request-paths";
import { listAccessRequests, markDecisionsSeen } from "@/lib/rbac/service";

export const metadata: Metadata = { title: "Your access requests" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function MyAccessRequestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const { requested } = await searchParams;
  const requests = await listAccessRequests(viewer, { view: "mine" });
  // Shown here, so the notice on every other page is done with them.
  await markDecisionsSeen(viewer);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Your access requests"
        description="What you asked for, and what was decided. An approved request is a grant that ends on its own."
        actions={
          <Link href={REQUEST_ACCESS_PATH} className={buttonClass({ variant: "outline" })}>
            New request
          </Link>
        }
      />
      {typeof requested === "string" && requests.some((r) => r.id === requested) && (
        <Alert variant="success">Request sent. An admin will approve or deny it; the answer shows here.</Alert>
      )}
      {requests.length === 0 ? (
        <EmptyState
          title="No requests yet"
          description="Where a button is missing or a page says you lack a permission, a Request access link asks for it."
        />
      ) : (
        <Table aria-label="Your access requests">
          <TableHeader>
            <TableRow>
              <TableHead>Permission</TableHead>
              <TableHead>For</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Asked</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Decision</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requests.map((request) => (
              <TableRow key={request.id}>
                <TableHead scope="row" className="h-auto py-2.5 font-mono text-xs text-foreground">
                  {request.resource}: {request.actions.join(", ")}
                  {request.scope ? ` (${request.scope})` : ""}
                </TableHead>
                <TableCell>{request.duration_hours} h</TableCell>
                <TableCell className="max-w-56">{request.reason}</TableCell>
                <TableCell className="text-xs">
                  <DateTime value={request.created_at} />
                </TableCell>
                <TableCell>
                  <AccessRequestStatusBadge status={request.status} />
                </TableCell>
                <TableCell className="max-w-64 text-xs">
                  {request.status === "pending" ? (
                    <span className="text-muted-foreground">Waiting for an admin</span>
                  ) : (
                    <span className="grid gap-0.5">
                      <span>
                        {request.status === "approved" ? "Approved" : "Denied"} by{" "}
                        {request.decided_by_username ?? "someone"}
                        {request.decision_reason ? `: ${request.decision_reason}` : ""}
                      </span>
                      {request.status === "approved" && (
                        <span className="text-muted-foreground">
                          {request.expires_at ? (
                            <>
                              Until <DateTime value={request.expires_at} />
                            </>
                          ) : (
                            "The grant has been revoked"
                          )}
                        </span>
                      )}
                    </span>
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
