import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { permissionLabel } from "@/lib/rbac/catalog";
import { DateTime } from "@/components/ui/local-time";
import { MY_ACCESS_REQUESTS_PATH } from "@/lib/rbac/access-request-paths";
import type { AccessRequestView } from "@/lib/rbac/access-request-schemas";

/** The requester's decided requests not yet seen on their requests page: shown atop every page until then. */
export function DecisionNotice({ decisions }: { decisions: AccessRequestView[] }) {
  if (decisions.length === 0) return null;
  return (
    <div className="mb-6 grid gap-2" role="status">
      {decisions.map((request) => {
        const permission = permissionLabel(request.resource, request.actions, request.scope);
        return request.status === "approved" ? (
          <Alert key={request.id} variant="success">
            Your request for {permission} was approved by {request.decided_by_username ?? "an admin"}
            {request.expires_at ? (
              <>
                {" "}
                until <DateTime value={request.expires_at} />
              </>
            ) : null}
            . <NoticeLink />
          </Alert>
        ) : (
          <Alert key={request.id} variant="warning">
            Your request for {permission} was denied by {request.decided_by_username ?? "an admin"}
            {request.decision_reason ? `: ${request.decision_reason}` : ""}. <NoticeLink />
          </Alert>
        );
      })}
    </div>
  );
}

function NoticeLink() {
  return (
    <Link href={MY_ACCESS_REQUESTS_PATH} className="font-medium underline underline-offset-4">
      See your requests
    </Link>
  );
}
