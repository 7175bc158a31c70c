"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MonthRevenue } from "@/lib/sales/overview";
import { useDisplaySettings } from "@/components/ui/local-time";
import { formatMonth, formatShortMonth } from "@/lib/format";
import { formatCompactMoney, formatCount, formatMoney } from "@/lib/sales/format";
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE } from "./chart-frame";

export function RevenueByMonthChart({ data }: { data: MonthRevenue[] }) {
  const hasRevenue = data.some((month) => month.revenue > 0);
  const settings = useDisplaySettings();
  return (
    <ChartFrame
      title="Revenue by month"
      description="Won deals by closing month, in US dollars"
      columns={["Month", "Revenue", "Deals won"]}
      rows={
        hasRevenue
          ? data.map((m) => ({
              label: formatMonth(m.month, settings),
              value: formatMoney(m.revenue),
              detail: formatCount(m.won),
            }))
          : []
      }
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 16 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="month"
            tickFormatter={(month: string) => formatShortMonth(month, settings)}
            tick={AXIS_TICK}
            tickLine={false}
            minTickGap={12}
          />
          <YAxis
            tickFormatter={formatCompactMoney}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={72}
            label={{ value: "Revenue (USD)", angle: -90, position: "insideLeft", offset: -8, style: AXIS_TICK }}
          />
          <Tooltip
            cursor={{ fill: "var(--color-muted)" }}
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(label) => formatMonth(String(label), settings)}
            formatter={(value, _name, item) => [
              `${formatMoney(Number(value))} · ${formatCount((item.payload as MonthRevenue).won)} won`,
              "Revenue",
            ]}
          />
          <Bar dataKey="revenue" name="Revenue" fill="var(--color-accent)" radius={[3, 3, 0, 0]} maxBarSize={40} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
