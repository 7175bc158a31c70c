import { Card } from "@/components/ui/card";
import { formatCount, formatMoney, formatPercent, formatWholeMoney } from "@/lib/sales/format";
import type { SalesKpis } from "@/lib/sales/overview";

function Kpi({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Card className="grid gap-1 p-5">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
      <dd className="text-xs text-muted-foreground">{detail}</dd>
    </Card>
  );
}

export function KpiCards({ kpis }: { kpis: SalesKpis }) {
  return (
    <dl aria-label="Key figures" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Kpi label="Revenue" value={formatWholeMoney(kpis.revenue)} detail="Sum of won deals" />
      <Kpi
        label="Deals won"
        value={formatCount(kpis.won)}
        detail={`of ${formatCount(kpis.deals)} deals closing in the period`}
      />
      <Kpi
        label="Average deal"
        value={kpis.averageDeal === null ? "—" : formatMoney(kpis.averageDeal)}
        detail="Mean amount of won deals"
      />
      <Kpi
        label="Win rate"
        value={formatPercent(kpis.winRate)}
        detail={`${formatCount(kpis.won)} won, ${formatCount(kpis.lost)} lost, ${formatCount(kpis.open)} open`}
      />
    </dl>
  );
}
