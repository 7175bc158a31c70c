import { RevenueByMonthChart } from "@/components/charts/revenue-by-month-chart";
import { RevenueForecastChart } from "@/components/charts/revenue-forecast-chart";
import { RevenueRankingChart } from "@/components/charts/revenue-ranking-chart";
import { KpiCards } from "@/components/sales/kpi-cards";
import { RangeFilter } from "@/components/sales/range-filter";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import type { Viewer } from "@/lib/auth/principal";
import { isFlagOn } from "@/lib/flags/service";
import { describeRange } from "@/lib/format";
import { revenueForecast } from "@/lib/sales/forecast";
import { describeScope } from "@/lib/sales/format";
import { salesOverview } from "@/lib/sales/overview";
import { rangeFromSearchParams, todayIso } from "@/lib/sales/ranges";
import { isOwnOnly } from "@/lib/rbac/catalog";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The overview's figures as `viewer` sees them: their own on the overview, another user's in "view as". */
export async function OverviewFigures({ viewer, searchParams }: { viewer: Viewer; searchParams: SearchParams }) {
  const range = rangeFromSearchParams(searchParams, todayIso());
  const [overview, forecastOn] = await Promise.all([
    salesOverview(viewer, range),
    isFlagOn(viewer, "overview_forecast"),
  ]);
  const scope = viewer.scope("sale", "list");

  return (
    <div className="grid gap-6">
      <PageHeader title="Overview" description={`${describeScope(scope, viewer)} · ${describeRange(range)}`} />
      <RangeFilter range={range} />
      {overview.kpis.deals === 0 ? (
        <EmptyState
          title="No sales in this period"
          description="None of the deals you can see closes in this date range. Try a wider range, or All time."
        />
      ) : (
        <>
          <KpiCards kpis={overview.kpis} />
          <RevenueByMonthChart data={overview.byMonth} />
          {forecastOn && <RevenueForecastChart points={revenueForecast(overview.byMonth)} />}
          <div className="grid gap-6 lg:grid-cols-2">
            <RevenueRankingChart
              title="Revenue by region"
              description="Won deals by the customer's region, in US dollars"
              category="Region"
              data={overview.byRegion}
            />
            <RevenueRankingChart
              title="Revenue by product"
              description="Won deals by product, in US dollars"
              category="Product"
              data={overview.byProduct}
            />
            {!isOwnOnly(scope) && (
              <RevenueRankingChart
                title="Top owners"
                description="The ten owners with the most won revenue, in US dollars"
                category="Owner"
                data={overview.topOwners}
              />
            )}
          </div>
        </>
      )}
    </div>
  );
}
