import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { SaleStatus } from "@/lib/sales/schemas";

const VARIANTS: Record<SaleStatus, BadgeVariant> = { open: "accent", won: "success", lost: "neutral" };
const LABELS: Record<SaleStatus, string> = { open: "Open", won: "Won", lost: "Lost" };

export function StatusBadge({ status }: { status: SaleStatus }) {
  return <Badge variant={VARIANTS[status]}>{LABELS[status]}</Badge>;
}

export const STATUS_LABELS = LABELS;
