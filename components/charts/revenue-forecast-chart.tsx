"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDisplaySettings } from "@/components/ui/local-time";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMonth, formatShortMonth } from "@/lib/format";
import { FORECAST_MONTHS, type ForecastPoint } from "@/lib/sales/forecast";
import { formatCompactMoney, formatMoney } from "@/lib/sales/format";
import { AXIS_TICK, ChartFrame, TOOLTIP_STYLE } from "./chart-frame";

const TITLE = "Revenue forecast";
const DESCRIPTION = `Won revenue by month and a straight-line projection of the next ${FORECAST_MONTHS} months, in US dollars`;

/** The months shown and the projection after them; `points` is null with too few months to project. */
export function RevenueForecastChart({ points }: { points: ForecastPoint[] | null }) {
  const settings = useDisplaySettings();
  if (!points) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>{TITLE}</CardTitle>
          <CardDescription>{DESCRIPTION}</CardDescription>
        </CardHeader>
        <CardContent>
          <p className="text-sm text-muted-foreground">
            A forecast needs at least two months of deals. Choose a wider date range.
          </p>
        </CardContent>
      </Card>
    );
  }
  const money = (value: number | null) => (value === null ? "—" : formatMoney(value));
  return (
    <ChartFrame
      title={TITLE}
      description={DESCRIPTION}
      columns={["Month", "Won revenue", "Projected"]}
      rows={points.map((point) => ({
        label: formatMonth(point.month, settings),
        value: money(point.actual),
        detail: point.actual === null ? money(point.projected) : "—",
      }))}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
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
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(label) => formatMonth(String(label), settings)}
            formatter={(value, name) => [formatMoney(Number(value)), name]}
          />
          <Line
            dataKey="actual"
            name="Won revenue"
            stroke="var(--color-accent)"
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="projected"
            name="Projected"
            stroke="var(--color-muted-foreground)"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
