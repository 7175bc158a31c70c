import { Badge } from "@/components/ui/badge";
import type { AccessRequestStatus } from "@/lib/rbac/access-request-schemas";

const STATUS: Record<AccessRequestStatus, { label: string; variant: "warning" | "success" | "danger" }> = {
  pending: { label: "Pending", variant: "warning" },
  approved: { label: "Approved", variant: "success" },
  denied: { label: "Denied", variant: "danger" },
};

export function AccessRequestStatusBadge({ status }: { status: AccessRequestStatus }) {
  return <Badge variant={STATUS[status].variant}>{STATUS[status].label}</Badge>;
}
