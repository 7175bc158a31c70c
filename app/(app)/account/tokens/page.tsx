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
import { requireViewer } from "@/lib/auth/viewer";
import { DateTime } from "@/components/ui/local-time";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

function tokenState(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date) {
  if (token.revokedAt) return <Badge variant="neutral">Revoked</Badge>;
  if (token.expiresAt && token.expiresAt <= now) return <Badge variant="warning">Expired</Badge>;
  return <Badge variant="success">Active</Badge>;
}

export default async function TokensPage() {
  const viewer = await requireViewer();
  const tokens = await listOwnTokens(viewer);
  const now = new Date();
  return (
    <div className="grid gap-6">
      <PageHeader
        title="API tokens"
        description="Personal tokens for the REST API (Authorization: Bearer …). A token acts as you, with exactly your permissions."
      />
      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>The token is shown once. Only a hash is stored.</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm />
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
                  <DateTime value={token.createdAt} />
                </TableCell>
                <TableCell>{token.expiresAt ? <DateTime value={token.expiresAt} /> : "Never"}</TableCell>
                <TableCell>
                  <DateTime value={token.lastUsedAt} />
                </TableCell>
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
