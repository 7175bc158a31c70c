import type { Metadata } from "next";
import Link from "next/link";
import { AccessRequestForm } from "@/components/access/access-request-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/viewer";
import { MY_ACCESS_REQUESTS_PATH } from "@/lib/rbac/access-request-paths";
import { isAction, isResource, isRowScoped, SCOPES, type Action, type Scope } from "@/lib/rbac/catalog";
import { requestAccessAction } from "../actions";

export const metadata: Metadata = { title: "Request access" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

// The link's resource, action and scope only prefill the form: anything unknown is simply left blank.
export default async function RequestAccessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const resource = isResource(first(params.resource)) ? first(params.resource) : "";
  const actions = [first(params.action)].filter(isAction) as Action[];
  const scope =
    isResource(resource) && isRowScoped(resource) && (SCOPES as readonly string[]).includes(first(params.scope))
      ? (first(params.scope) as Scope)
      : "";
  const alreadyHeld =
    isResource(resource) && actions.length > 0 && actions.every((action) => viewer.can(resource, action));
  return (
    <div className="grid max-w-2xl gap-6">
      <PageHeader
        title="Request access"
        description="Ask for one permission for a while. An admin approves or denies it; you see the answer here and on your next page."
        actions={
          <Link
            href={MY_ACCESS_REQUESTS_PATH}
            className="text-sm font-medium text-accent underline-offset-4 hover:underline"
          >
            Your requests
          </Link>
        }
      />
      {alreadyHeld && (
        <Alert variant="info">
          You already have {resource}:{actions.join(", ")}
          {scope ? ` on some rows; ask only if you need a wider scope` : ""}.
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>What you need</CardTitle>
          <CardDescription>
            The access is a temporary grant: it ends on its own after the hours you ask for.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AccessRequestForm action={requestAccessAction} resource={resource} actions={actions} scope={scope} />
        </CardContent>
      </Card>
    </div>
  );
}
