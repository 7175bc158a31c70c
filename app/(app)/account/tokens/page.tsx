import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { CreateTokenForm } from "@/components/auth/create-token-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listOwnTokens } from "@/lib/auth/account";
import { apiTokenMaxDays, expiryChoicesWithin } from "@/lib/auth/tokens";
import { ACTIONS, RESOURCES, SCOPES, reachCovers } from "@/lib/rbac/catalog";
import { requireViewer } from "@/lib/auth/viewer";
import { DateTime } from "@/components/ui/local-time";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

function tokenState(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) {
  if (token.revokedAt) return <Badge variant="neutral">Revoked</Badge>;
  if (token.expiresAt && token.expiresAt <= now) return <Badge variant="warning">Expired</Badge>;
  return <Badge variant="success">Active</Badge>;
}

function TokenPermissions({ token }: { token: { permissions: string[] | null; scopes: Record<string, string> } }) {
  const ceilings = Object.entries(token.scopes).map(([resource, scope]) => `${resource} rows: ${scope}`);
  return (
    <span className="grid gap-0.5 text-xs">
      <span className={token.permissions ? "font-mono" : undefined}>
        {token.permissions ? token.permissions.join(", ") : "All of yours"}
      </span>
      {ceilings.length > 0 && <span className="text-muted-foreground">{ceilings.join(", ")}</span>}
    </span>
  );
}

export default async function TokensPage() {
  const viewer = await requireViewer();
  const tokens = await listOwnTokens(viewer);
  const now = new Date();
  const maxDays = apiTokenMaxDays();
  const held = RESOURCES.flatMap((resource) =>
    ACTIONS.filter((action) => viewer.can(resource, action)).map((action) => `${resource}:${action}`),
  );
  // The ceilings a token may be given: the scopes the viewer's own sale permissions cover.
  const saleScopes = SCOPES.filter((scope) =>
    ACTIONS.some((action) => reachCovers(viewer.scope("sale", action), scope)),
  );
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API tokens"
        description="Personal tokens for the REST API (Authorization: Bearer …). A token acts as you, with your permissions or only some of them, and never more than you hold at the time of each request."
      />
      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>
            The token is shown once. Only a hash is stored.
            {maxDays > 0 ? ` Tokens expire within ${maxDays} days.` : ""}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm
            action={createTokenAction}
            held={held}
            saleScopes={[...saleScopes]}
            expiryChoices={expiryChoicesWithin(maxDays)}
          />
        </CardContent>
      </Card>
      {tokens.length === 0 ? (
        <EmptyState title="No tokens yet" description="Create one above, or run npm run token -- <username>." />
      ) : (
        <Table aria-label="Your API tokens">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Token</TableHead>
              <TableHead>Permissions</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.map((token) => (
              <TableRow key={token.id}>
                <TableCell className="font-medium">{token.name}</TableCell>
                <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
                <TableCell>
                  <TokenPermissions token={token} />
                </TableCell>
                <TableCell>
                  <DateTime value={token.createdAt} />
                </TableCell>
                <TableCell>{token.expiresAt ? <DateTime value={token.expiresAt} /> : "Never"}</TableCell>
                <TableCell>{token.lastUsedAt ? <DateTime value={token.lastUsedAt} /> : "Never"}</TableCell>
                <TableCell>{tokenState(token, now)}</TableCell>
                <TableCell className="text-right">
                  {!token.revokedAt && (
                    <ActionForm action={revokeTokenAction} quiet>
                      <input type="hidden" name="id" value={token.id} />
                      <ConfirmButton
                        size="sm"
                        title={`Revoke "${token.name}"?`}
                        description="Scripts using this token will get 401 from their next request."
                        confirmLabel="Revoke token"
                      >
                        Revoke
                      </ConfirmButton>
                    </ActionForm>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
