"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LabelRevenue } from "@/lib/sales/overview";
import { formatCompactMoney, formatCount, formatMoney } from "@/lib/sales/format";
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE } from "./chart-frame";

type RevenueRankingChartProps = {
  title: string;
  description: string;
  /** What a bar stands for: "Region", "Product", "Owner". */
  category: string;
  data: LabelRevenue[];
};

/** Horizontal bars, largest first: revenue by region, by product, or by owner. */
export function RevenueRankingChart({ title, description, category, data }: RevenueRankingChartProps) {
  const ranked = data.filter((item) => item.revenue > 0);
  return (
    <ChartFrame
      title={title}
      description={description}
      columns={[category, "Revenue", "Deals won"]}
      rows={ranked.map((item) => ({
        label: item.label,
        value: formatMoney(item.revenue),
        detail: formatCount(item.won),
      }))}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height: 256 }}>
        <BarChart
          accessibilityLayer={false}
          data={ranked}
          layout="vertical"
          margin={{ top: 8, right: 16, bottom: 16, left: 8 }}
        >
          <CartesianGrid horizontal={false} stroke="var(--color-border)" />
          <XAxis
            type="number"
            tickFormatter={formatCompactMoney}
            tick={AXIS_TICK}
            tickLine={false}
            label={{ value: "Revenue (USD)", position: "insideBottom", offset: -12, style: AXIS_TICK }}
          />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} width={112} />
          <Tooltip
            cursor={{ fill: "var(--color-muted)" }}
            contentStyle={TOOLTIP_STYLE}
            formatter={(value, _name, item) => [
              `${formatMoney(Number(value))} · ${formatCount((item.payload as LabelRevenue).won)} won`,
              "Revenue",
            ]}
          />
          <Bar dataKey="revenue" name="Revenue" fill="var(--color-accent)" radius={[0, 3, 3, 0]} maxBarSize={28} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
