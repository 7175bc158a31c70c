import type { Metadata } from "next";
import { Suspense } from "react";
import { NoSalesAccess } from "@/components/sales/no-sales-access";
import { OverviewFigures, type SearchParams } from "@/components/sales/overview-figures";
import { OverviewSkeleton } from "@/components/sales/overview-skeleton";
import { PageHeader } from "@/components/shell/page-header";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Overview" };

// The figures stream in behind a skeleton here rather than through a loading.tsx: a group-wide
// loading boundary would start every page below it streaming, and a streamed 403 or 404 goes out as 200.
export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  if (!viewer.can("sale", "list")) {
    return (
      <div className="grid gap-6">
        <PageHeader title={`Welcome, ${viewer.name}`} />
        <NoSalesAccess />
      </div>
    );
  }
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<OverviewSkeleton />}>
      <OverviewFigures viewer={viewer} searchParams={params} />
    </Suspense>
  );
}
