import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { DateTime, Day } from "@/components/ui/local-time";
import { formatMoney } from "@/lib/sales/format";
import type { SaleRecord } from "@/lib/sales/records";
import { StatusBadge } from "./status-badge";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground uppercase">{label}</dt>
      <dd className="text-sm text-foreground">{children}</dd>
    </div>
  );
}

export function SaleDetails({ sale }: { sale: SaleRecord }) {
  return (
    <Card className="p-5">
      <dl aria-label="Sale details" className="grid gap-4 sm:grid-cols-3">
        <Item label="Amount">
          <span className="text-lg font-semibold tabular-nums">{formatMoney(sale.amount)}</span>
        </Item>
        <Item label="Status">
          <StatusBadge status={sale.status} />
        </Item>
        <Item label="Closing date">
          <Day date={sale.closedAt} />
        </Item>
        <Item label="Owner">
          {sale.ownerName} ({sale.ownerUsername})
        </Item>
        <Item label="Created">
          <DateTime value={sale.createdAt} />
        </Item>
        <Item label="Last changed">
          <DateTime value={sale.updatedAt} />
        </Item>
      </dl>
    </Card>
  );
}
