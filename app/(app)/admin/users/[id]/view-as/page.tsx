import type { Metadata } from "next";
import Link from "next/link";
import { ViewAsForm } from "@/components/admin/view-as-form";
import { OverviewFigures, type SearchParams } from "@/components/sales/overview-figures";
import { NoSalesAccess } from "@/components/sales/no-sales-access";
import { SalesTable } from "@/components/sales/sales-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/shell/page-header";
import { Button, buttonClass } from "@/components/ui/button";
import type { Viewer } from "@/lib/auth/principal";
import { readForPage, requireViewer } from "@/lib/auth/viewer";
import { viewAsPath } from "@/lib/navigation";
import { openViewAs } from "@/lib/rbac/view-as";
import { mayExportSales } from "@/lib/sales/export";
import { describeScope, formatCount } from "@/lib/sales/format";
import { listSales } from "@/lib/sales/queries";
import { SALE_SORT_COLUMNS, listQueryFromSearchParams, type SaleSortColumn } from "@/lib/sales/schemas";
import { startViewAsAction } from "../../actions";
import { isOwnOnly } from "@/lib/rbac/catalog";

export const metadata: Metadata = { title: "View as" };

export default async function ViewAsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const admin = await requireViewer();
  const { id } = await params;
  const query = await searchParams;
  const requested = typeof query.preview === "string" ? query.preview : undefined;
  const { target, previewId } = await readForPage(openViewAs(admin, id, requested));
  if (!previewId) return <StartPreview target={target} />;
  const tab = query.tab === "sales" ? "sales" : "overview";
  const base = viewAsPath(target.id, previewId);

  return (
    <div className="grid gap-6">
      <Alert variant="warning" title={`Viewing as ${target.name} (${target.username}): a read-only preview`}>
        Same scope and same buttons as {target.username} sees them; nothing here can change anything. This preview is
        recorded in the audit log.{" "}
        <Link href={`/admin/users/${target.id}`} className="font-medium underline">
          Back to the user
        </Link>
      </Alert>
      <nav aria-label="Preview" className="flex gap-2">
        <Link
          href={base}
          aria-current={tab === "overview" ? "page" : undefined}
          className={buttonClass({ variant: tab === "overview" ? "secondary" : "ghost", size: "sm" })}
        >
          Overview
        </Link>
        <Link
          href={`${base}&tab=sales`}
          aria-current={tab === "sales" ? "page" : undefined}
          className={buttonClass({ variant: tab === "sales" ? "secondary" : "ghost", size: "sm" })}
        >
          Sales
        </Link>
      </nav>
      {/* inert: the preview shows what the user sees, and takes no clicks, focus or input. */}
      <div inert className="grid gap-6" data-testid="view-as-preview">
        {!target.can("sale", "list") ? (
          <NoSalesAccess />
        ) : tab === "overview" ? (
          <OverviewFigures viewer={target} searchParams={query} />
        ) : (
          <SalesPreview target={target} searchParams={query} />
        )}
      </div>
    </div>
  );
}

/** Opening the page records nothing: the preview starts, and is audited, on the admin's POST. */
function StartPreview({ target }: { target: Viewer }) {
  return (
    <div className="grid max-w-2xl gap-4">
      <PageHeader
        title={`View as ${target.name}`}
        description={`${target.username}: the overview and sales pages exactly as they see them, read-only.`}
      />
      <Alert variant="info" title="Starting a preview is recorded in the audit log">
        The log names you, {target.username} and the time. Nothing in the preview can change anything.
      </Alert>
      <div className="flex flex-wrap items-center gap-3">
        <ViewAsForm action={startViewAsAction} userId={target.id} label={`View as ${target.name}`} />
        <Link href={`/admin/users/${target.id}`} className={buttonClass({ variant: "outline" })}>
          Back to the user
        </Link>
      </div>
    </div>
  );
}

async function SalesPreview({ target, searchParams }: { target: Viewer; searchParams: SearchParams }) {
  const query = { ...listQueryFromSearchParams(searchParams), after: undefined };
  const page = await listSales(target, query);
  const scope = target.scope("sale", "list");
  const noLinks = Object.fromEntries(SALE_SORT_COLUMNS.map((c) => [c, "#"])) as Record<SaleSortColumn, string>;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Sales</h2>
          <p className="text-sm text-muted-foreground">
            {describeScope(scope, target)} · {formatCount(page.total)} in total
          </p>
        </div>
        <div className="flex gap-2" aria-label="Buttons this user sees">
          {mayExportSales(target) && (
            <Button variant="outline" disabled>
              Export CSV
            </Button>
          )}
          {target.can("sale", "create") && <Button disabled>New sale</Button>}
        </div>
      </div>
      <SalesTable
        sales={page.items}
        showOwner={!isOwnOnly(scope)}
        sort={query.sort}
        sortLinks={noLinks}
        caption={`Sales as ${target.username} sees them, first page`}
      />
    </>
  );
}
