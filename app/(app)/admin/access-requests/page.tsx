import type { Metadata } from "next";
import { AccessRequestQueue } from "@/components/access/access-request-queue";
import { PageHeader } from "@/components/shell/page-header";
import { requirePagePermission } from "@/lib/auth/viewer";
import { listAccessRequests } from "@/lib/rbac/service";
import { approveAccessRequestAction, denyAccessRequestAction } from "./actions";

export const metadata: Metadata = { title: "Access requests" };

export default async function AccessRequestQueuePage() {
  const viewer = await requirePagePermission("permission", "update");
  const requests = await listAccessRequests(viewer, { view: "queue" });
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Access requests"
        description="Pending requests, oldest first. Approving grants exactly what was asked, for the hours asked; you may grant only what you hold yourself."
      />
      <AccessRequestQueue
        requests={requests}
        viewerId={viewer.id}
        approve={approveAccessRequestAction}
        deny={denyAccessRequestAction}
      />
    </div>
  );
}
