import type { Metadata } from "next";
import Link from "next/link";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { requirePagePermission } from "@/lib/auth/viewer";
import { USERS_PATH } from "@/lib/navigation";
import { listUsers } from "@/lib/rbac/service";
import { pageNumber, textParam } from "@/app/(app)/admin/search-params";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 20;

type UsersPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: UsersPageProps) {
  const viewer = await requirePagePermission("user", "list");
  const params = await searchParams;
  const q = textParam(params.q, 100);
  const page = pageNumber(params.page);
  const users = await listUsers(viewer, { q, page, page_size: PAGE_SIZE });

  return (
    <div className="grid gap-6">
      <PageHeader title="Users" description="Open a user to change their base role, team, custom roles and grants." />
      <form method="get" action={USERS_PATH} role="search" className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="user-search">Search users</Label>
          <Input
            id="user-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Username, name or email"
            className="w-72"
            maxLength={100}
          />
        </div>
        <Button type="submit" variant="outline">
          Search
        </Button>
        {q && (
          <Link href={USERS_PATH} className={buttonClass({ variant: "ghost" })}>
            Clear
          </Link>
        )}
      </form>
      {users.items.length === 0 ? (
        <EmptyState
          title={q ? `No user matches "${q}"` : "No users on this page"}
          description={q ? "Search matches usernames, names and email addresses." : undefined}
        >
          <Link href={USERS_PATH} className={buttonClass({ variant: "outline" })}>
            Show all users
          </Link>
        </EmptyState>
      ) : (
        <UsersTable users={users.items} />
      )}
      <Pagination
        page={users.page}
        pageSize={users.page_size}
        total={users.total}
        basePath={USERS_PATH}
        searchParams={q ? { q } : {}}
      />
    </div>
  );
}
