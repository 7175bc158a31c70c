import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RequestAccessLink } from "@/components/access/request-access-link";
import { SalesFilters } from "@/components/sales/sales-filters";
import { ListBusyRegion, ListLink, ListNavigationProvider } from "@/components/sales/list-navigation";
import { SalesTable } from "@/components/sales/sales-table";
import { RememberSalesList } from "@/components/sales/back-to-sales";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { requirePagePermission } from "@/lib/auth/viewer";
import { openCursor } from "@/lib/sales/cursor";
import { isFlagOn } from "@/lib/flags/service";
import { mayExportSales } from "@/lib/sales/export";
import { describeScope, formatCount } from "@/lib/sales/format";
import { ownersInScope, salesListView } from "@/lib/sales/queries";
import {
  SALE_SORT_COLUMNS,
  filterContradictions,
  listHref,
  listQueryFromSearchParams,
  listQueryToSearchParams,
  nextSort,
  type SaleSortColumn,
} from "@/lib/sales/schemas";
import { isOwnOnly } from "@/lib/rbac/catalog";
import { SaveReportForm } from "@/components/reports/save-report-form";
import { saveReportAction } from "@/app/(app)/reports/actions";

export const metadata: Metadata = { title: "Sales" };

type SearchParams = Record<string, string | string[] | undefined>;

/** The URL's parameters, blanks and repeats dropped, in a fixed order: to compare with the canonical form. */
function normalised(searchParams: SearchParams): string {
  return Object.entries(searchParams)
    .map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : (value ?? "")] as const)
    .filter(([, value]) => value.trim() !== "")
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("&");
}

export default async function SalesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("sale", "list");
  const params = await searchParams;
  const query = listQueryFromSearchParams(params);
  const canonical = listQueryToSearchParams(query);
  // A submitted filter form leaves empty fields and defaults in the URL; keep shared links clean.
  if (normalised(Object.fromEntries(canonical)) !== normalised(params)) {
    redirect(canonical.size ? `/sales?${canonical}` : "/sales");
  }

  // A cursor of another list, or one made under another AUTH_SECRET, starts the list again.
  if (query.after && !openCursor(query)) redirect(listHref("/sales", query, {}));

  const scope = viewer.scope("sale", "list");
  const showOwner = !isOwnOnly(scope);
  const ownerId = showOwner ? query.filters.ownerId : undefined;
  const [{ page, regions }, totalsShown, [owner = null]] = await Promise.all([
    // The list's count adds the amounts up too: the totals row costs no query of its own.
    salesListView(viewer, query),
    isFlagOn(viewer, "sales_totals"),
    // The owner filter names the person chosen; it asks for others as one types (/sales/owners).
    ownerId ? ownersInScope(viewer, { id: ownerId }) : Promise.resolve([]),
  ]);
  // A page past the end (rows deleted since the link was made, a hand-edited address) shows the last one.
  const lastPage = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pastTheEnd = query.after ? page.items.length === 0 && page.total > 0 : query.page > lastPage;
  if (pastTheEnd) redirect(listHref("/sales", query, { page: lastPage }));
  const sortLinks = Object.fromEntries(
    SALE_SORT_COLUMNS.map((column) => [column, listHref("/sales", query, { sort: nextSort(query.sort, column) })]),
  ) as Record<SaleSortColumn, string>;
  const filtered = Object.values(query.filters).some((value) => value !== undefined);
  // The CSV keeps its fixed columns (those of the API), whatever the table shows.
  const exportQuery = listQueryToSearchParams({ ...query, page: 1, after: undefined, columns: undefined });
  const reportQuery = listQueryToSearchParams({ ...query, page: 1, after: undefined });

  const listQuery = listQueryToSearchParams(query).toString();
  return (
    <ListNavigationProvider>
      <div className="grid gap-6">
        <RememberSalesList address={listQuery ? `/sales?${listQuery}` : "/sales"} />
        <PageHeader
          title="Sales"
          description={`${describeScope(scope, viewer)} · ${formatCount(page.total)} ${filtered ? "matching" : "in total"}`}
          actions={
            <>
              {!mayExportSales(viewer) && (
                <RequestAccessLink resource="export" action="read">
                  Request export access
                </RequestAccessLink>
              )}
              {!viewer.can("sale", "create") && (
                <RequestAccessLink resource="sale" action="create">
                  Request to add sales
                </RequestAccessLink>
              )}
              {mayExportSales(viewer) && (
                // No `download` attribute: the server's attachment header makes the file, and a refusal
                // (the permission revoked since this page was drawn) then shows as the 403 page.
                <a
                  href={exportQuery.size ? `/sales/export?${exportQuery}` : "/sales/export"}
                  className={buttonClass({ variant: "outline" })}
                >
                  Export CSV
                </a>
              )}
              {viewer.can("sale", "create") && (
                <Link href="/sales/new" className={buttonClass()}>
                  New sale
                </Link>
              )}
            </>
          }
        />
        <SalesFilters
          query={query}
          regions={regions}
          showOwner={showOwner}
          owner={owner}
          contradictions={filterContradictions(query.filters)}
        />
        {viewer.can("report", "create") && <SaveReportForm action={saveReportAction} sales={reportQuery.toString()} />}
        {page.total === 0 ? (
          filtered ? (
            <EmptyState title="No sales match these filters" description="Loosen a filter or clear them all.">
              <Link href="/sales" className={buttonClass({ variant: "outline" })}>
                Clear filters
              </Link>
            </EmptyState>
          ) : (
            <EmptyState
              title="No sales yet"
              description={
                viewer.can("sale", "create") ? "Record your first deal." : "There are no deals you can see yet."
              }
            >
              {viewer.can("sale", "create") && (
                <Link href="/sales/new" className={buttonClass()}>
                  New sale
                </Link>
              )}
            </EmptyState>
          )
        ) : (
          <div className="grid gap-4">
            <ListBusyRegion className="overflow-hidden rounded-lg border bg-background">
              <SalesTable
                sales={page.items}
                showOwner={showOwner}
                sort={query.sort}
                sortLinks={sortLinks}
                caption={`Sales, page ${page.page}, sorted by ${query.sort.column.replace("_", " ")} ${query.sort.descending ? "descending" : "ascending"}`}
                totals={totalsShown ? { count: page.total, amount: page.amount } : undefined}
                columns={query.columns}
                listParams={listQueryToSearchParams({ ...query, columns: undefined }).toString()}
              />
            </ListBusyRegion>
            {/* Next follows the keyset cursor, so the last page loads as fast as the first; Previous and the
                page numbers go by number, each a plain address that stays meaningful. */}
            <Pagination
              page={page.page}
              pageSize={page.pageSize}
              total={page.total}
              offset={page.offset}
              basePath="/sales"
              searchParams={Object.fromEntries(listQueryToSearchParams({ ...query, after: undefined }))}
              nextHref={page.next && listHref("/sales", query, { after: page.next })}
              linkAs={ListLink}
            />
          </div>
        )}
      </div>
    </ListNavigationProvider>
  );
}
