// The overview's forecast (behind the overview_forecast flag): a straight line fitted by least
// squares through the monthly won revenue the overview shows, carried three months past the last.
// Pure: the chart draws it, the tests check the arithmetic.
import type { MonthRevenue } from "./overview";

export const FORECAST_MONTHS = 3;

export interface ForecastPoint {
  /** YYYY-MM */
  month: string;
  /** Won revenue of a month shown; null for a projected month. */
  actual: number | null;
  /** The projection; also set on the last actual month, where the projected line starts. */
  projected: number | null;
}

function monthAfter(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The months shown and the next `ahead` projected, or null with fewer than two months to draw a
 * line through. Revenue cannot fall below zero, so neither can the projection.
 */
export function revenueForecast(months: MonthRevenue[], ahead = FORECAST_MONTHS): ForecastPoint[] | null {
  const n = months.length;
  const last = months.at(-1);
  if (n < 2 || !last) return null;
  const meanX = (n - 1) / 2;
  const meanY = months.reduce((sum, m) => sum + m.revenue, 0) / n;
  let covariance = 0;
  let variance = 0;
  months.forEach((m, x) => {
    covariance += (x - meanX) * (m.revenue - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = covariance / variance;
  const at = (x: number) => Math.max(0, meanY + slope * (x - meanX));
  const shown = months.map((m, x): ForecastPoint => ({
    month: m.month,
    actual: m.revenue,
    projected: x === n - 1 ? m.revenue : null,
  }));
  const projected = Array.from({ length: ahead }, (_, i): ForecastPoint => ({
    month: monthAfter(last.month, i + 1),
    actual: null,
    projected: at(n + i),
  }));
  return [...shown, ...projected];
}
