import type { Metadata } from "next";
import { RequestAccessLink } from "@/components/access/request-access-link";
import { FlagControls } from "@/components/flags/flag-controls";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/local-time";
import { requirePagePermission } from "@/lib/auth/viewer";
import { audienceWords, flagOnFor } from "@/lib/flags/schemas";
import { listFlags } from "@/lib/flags/service";
import { updateFlagAction } from "./actions";

export const metadata: Metadata = { title: "Feature flags" };

export default async function FlagsPage() {
  const viewer = await requirePagePermission("feature_flag", "list");
  const flags = await listFlags(viewer);
  const mayUpdate = viewer.can("feature_flag", "update");

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Feature flags"
        description="Parts of the product switched on or off, for everyone or for some base roles. A flag only shows or hides a feature: permissions still decide who may use it."
      />
      {!mayUpdate && (
        <Alert>
          You can see the flags but not switch them: that takes Feature flags: update (developers and admins).{" "}
          <RequestAccessLink resource="feature_flag" action="update" className="underline">
            Request to switch flags
          </RequestAccessLink>
        </Alert>
      )}
      {flags.length === 0 ? (
        <EmptyState title="No feature flags" description="The product defines no flags yet." />
      ) : (
        <ul className="grid gap-4" aria-label="Feature flags">
          {flags.map((flag) => (
            <li key={flag.key}>
              <Card>
                <CardHeader>
                  <div className="flex flex-wrap items-center gap-2">
                    <CardTitle>{flag.name}</CardTitle>
                    <Badge variant={flagOnFor(flag, viewer.baseRole) ? "success" : "neutral"}>
                      {flagOnFor(flag, viewer.baseRole) ? "On for you" : "Off for you"}
                    </Badge>
                  </div>
                  <CardDescription>
                    <span className="font-mono text-xs">{flag.key}</span> · {flag.description}
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-4">
                  {mayUpdate ? (
                    <FlagControls
                      flagKey={flag.key}
                      name={flag.name}
                      state={{ enabled: flag.enabled, base_roles: flag.base_roles }}
                      action={updateFlagAction}
                    />
                  ) : (
                    <p className="text-sm" data-testid={`flag-state-${flag.key}`}>
                      {flag.enabled ? `On for ${audienceWords(flag.base_roles)}` : "Off"}
                    </p>
                  )}
                  <p className="text-xs text-muted-foreground">
                    {flag.updated_by ? (
                      <>
                        Last changed by {flag.updated_by}, <DateTime value={flag.updated_at} />
                      </>
                    ) : (
                      "Not changed since it was added"
                    )}
                  </p>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
