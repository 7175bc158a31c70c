import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { PasswordForm } from "@/components/auth/password-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DateTime } from "@/components/ui/local-time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listOwnSessions, MIN_PASSWORD_LENGTH, sessionSettings } from "@/lib/auth/sessions";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { currentSessionId, requireViewer } from "@/lib/auth/viewer";
import { changePasswordAction, endOtherSessionsAction, endSessionAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireViewer();
  const sessions = await listOwnSessions(viewer, await currentSessionId());
  const { idleMinutes, maxHours } = sessionSettings();
  const others = sessions.filter((session) => !session.current).length;
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Your account"
        description={`Signed in as ${viewer.username} (${viewer.email}). API tokens are on their own page.`}
      />
      <Card>
        <CardHeader>
          <CardTitle>Where you are signed in</CardTitle>
          <CardDescription>
            A session ends when you sign out, after {idleMinutes} minutes without use, or {maxHours} hours after signing
            in. Ending one signs that device out on its next request.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Table aria-label="Your sessions">
            <TableHeader>
              <TableRow>
                <TableHead>Device</TableHead>
                <TableHead>Address</TableHead>
                <TableHead>Signed in</TableHead>
                <TableHead>Last active</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sessions.map((session) => (
                <TableRow key={session.id}>
                  <TableCell className="font-medium">
                    {describeUserAgent(session.userAgent)}{" "}
                    {session.current && <Badge variant="success">This session</Badge>}
                    {session.viewAs && (
                      <Badge variant="warning">
                        View-as preview of {session.viewAs.username} until <DateTime value={session.viewAs.until} />
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>{session.address ?? "Unknown"}</TableCell>
                  <TableCell>
                    <DateTime value={session.createdAt} />
                  </TableCell>
                  <TableCell>
                    <DateTime value={session.lastSeenAt} />
                  </TableCell>
                  <TableCell className="text-right">
                    <ActionForm action={endSessionAction} quiet>
                      <input type="hidden" name="id" value={session.id} />
                      <ConfirmButton
                        size="sm"
                        title={session.current ? "Sign out here?" : "End this session?"}
                        description={
                          session.current
                            ? "You will be signed out here."
                            : `${describeUserAgent(session.userAgent)} will be signed out on its next request.`
                        }
                        confirmLabel={session.current ? "Sign out" : "End session"}
                      >
                        {session.current ? "Sign out" : "End"}
                      </ConfirmButton>
                    </ActionForm>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <ActionForm action={endOtherSessionsAction} className="grid gap-2">
            <div>
              <Button type="submit" variant="secondary" disabled={others === 0}>
                End all other sessions
              </Button>
            </div>
          </ActionForm>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Change your password</CardTitle>
          <CardDescription>Every other session is signed out when it changes.</CardDescription>
        </CardHeader>
        <CardContent>
          <PasswordForm action={changePasswordAction} minLength={MIN_PASSWORD_LENGTH} />
        </CardContent>
      </Card>
      <p className="text-sm text-muted-foreground">
        Scripts use{" "}
        <Link href="/account/tokens" className="underline">
          API tokens
        </Link>{" "}
        instead of a session.
      </p>
    </div>
  );
}
