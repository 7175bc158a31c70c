import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ACTIONS, RESOURCES, type Action, type Resource } from "@/lib/rbac/catalog";
import { rolePath } from "@/lib/navigation";
import type { EffectivePermissionsView, PermissionSourceView } from "@/lib/rbac/schemas";
import type { UserGrant } from "@/lib/rbac/service";
import { GrantExpiry } from "./grant-expiry";

interface GridProps {
  effective: EffectivePermissionsView;
  /** The user's grants, to name a grant by its reason. */
  grants: UserGrant[];
  now: Date;
}

function Source({ source, grants, now }: { source: PermissionSourceView; grants: UserGrant[]; now: Date }) {
  const scope =
    "scope" in source && source.scope ? <span className="text-muted-foreground"> · {source.scope}</span> : null;
  switch (source.kind) {
    case "superuser":
      return <Badge variant="warning">superuser</Badge>;
    case "base_role":
      return (
        <span>
          base role{" "}
          <Link href={rolePath(source.role)} className="font-medium text-accent hover:underline">
            {source.role}
          </Link>
          {scope}
        </span>
      );
    case "custom_role":
      return (
        <span>
          role{" "}
          <Link href={rolePath(source.role)} className="font-medium text-accent hover:underline">
            {source.role}
          </Link>
          {scope}
          {source.expires_at && (
            <span className="text-muted-foreground">
              {" "}
              until <DateTime value={source.expires_at} />
            </span>
          )}
        </span>
      );
    case "grant": {
      const reason = grants.find((g) => g.id === source.grant_id)?.reason;
      return (
        <span className="grid gap-0.5">
          <span>
            <span className="font-medium">grant</span>
            {reason && <span className="text-muted-foreground"> “{reason}”</span>}
            {scope}
          </span>
          <GrantExpiry expiresAt={source.expires_at} now={now} />
        </span>
      );
    }
  }
}

function Cell({ resource, action, effective, grants, now }: GridProps & { resource: Resource; action: Action }) {
  const sources = effective.sources?.[resource]?.[action] ?? [];
  const scope = effective.scopes[resource]?.[action];
  return (
    <TableCell data-testid={`permission-${resource}-${action}`} className="min-w-36 align-top text-xs">
      {sources.length === 0 ? (
        <>
          <span aria-hidden className="text-muted-foreground">
            —
          </span>
          <span className="sr-only">not granted</span>
        </>
      ) : (
        <div className="grid gap-1">
          <span className="font-medium text-success">
            ✓ granted{scope && <span className="text-foreground"> · scope {scope}</span>}
          </span>
          <ul className="grid gap-1" aria-label="Granted by">
            {sources.map((source, index) => (
              <li key={index}>
                <Source source={source} grants={grants} now={now} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </TableCell>
  );
}

/** Resources × actions: what the user may do, and which layer (or layers) grant each action. */
export function EffectivePermissionsGrid(props: GridProps) {
  return (
    <Table aria-label={`Effective permissions of ${props.effective.username}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Resource</TableHead>
          {ACTIONS.map((action) => (
            <TableHead key={action}>{action}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {RESOURCES.map((resource) => (
          <TableRow key={resource}>
            <TableHead scope="row" className="h-auto py-2.5 align-top font-mono text-xs text-foreground">
              {resource}
            </TableHead>
            {ACTIONS.map((action) => (
              <Cell key={action} resource={resource} action={action} {...props} />
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
