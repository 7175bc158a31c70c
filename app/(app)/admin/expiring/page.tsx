import type { Metadata } from "next";
import Link from "next/link";
import { ExpiringTable } from "@/components/admin/expiring-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { requirePagePermission } from "@/lib/auth/viewer";
import { formatTimeLeft } from "@/lib/format";
import { AUDIT_PATH, EXPIRING_PATH, USERS_PATH } from "@/lib/navigation";
import { pageNumber, type SearchParams } from "@/app/(app)/admin/search-params";
import { EXPIRING_WINDOW_DAYS } from "@/lib/rbac/expiring-schemas";
import { isAdmin, listExpiring } from "@/lib/rbac/service";
import { extendAction } from "./actions";

export const metadata: Metadata = { title: "Expiring soon" };

const PAGE_SIZE = 25;

export default async function ExpiringPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("permission", "read");
  const page = pageNumber((await searchParams).page);
  const expiring = await listExpiring(viewer, { page, page_size: PAGE_SIZE });
  const now = new Date(expiring.now);
  const items = expiring.items.map((item) => ({ ...item, left: formatTimeLeft(item.expires_at, now) }));

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Expiring soon"
        description={`Direct grants and custom role assignments that end within ${EXPIRING_WINDOW_DAYS} days, soonest first. When one ends it stops counting on the next request, and the audit log records it as expired.`}
      />
      <ExpiringTable
        items={items}
        action={extendAction}
        canExtend={isAdmin(viewer)}
        empty={
          <EmptyState
            title={page > 1 ? "No more items on this page" : `Nothing ends in the next ${EXPIRING_WINDOW_DAYS} days`}
            description="Grants and role assignments given with an end date show here in their last week."
          >
            {page > 1 ? (
              <Link href={EXPIRING_PATH} className={buttonClass({ variant: "outline" })}>
                First page
              </Link>
            ) : (
              <>
                <Link href={USERS_PATH} className={buttonClass({ variant: "outline" })}>
                  Users
                </Link>
                <Link href={`${AUDIT_PATH}?q=expired`} className={buttonClass({ variant: "ghost" })}>
                  What has expired
                </Link>
              </>
            )}
          </EmptyState>
        }
      />
      <Pagination
        page={expiring.page}
        pageSize={expiring.page_size}
        total={expiring.total}
        basePath={EXPIRING_PATH}
        searchParams={{}}
      />
    </div>
  );
}
