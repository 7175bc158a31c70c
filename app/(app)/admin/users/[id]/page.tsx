import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { AccountForms } from "@/components/admin/account-forms";
import { AssignedRoles } from "@/components/admin/assigned-roles";
import { EffectivePermissionsGrid } from "@/components/admin/effective-permissions-grid";
import { GrantExpiry } from "@/components/admin/grant-expiry";
import { GrantForm } from "@/components/admin/grant-form";
import { GrantsTable } from "@/components/admin/grants-table";
import { RowAccess, type RowAccessAnswer } from "@/components/admin/row-access";
import { SecondFactorCard } from "@/components/admin/second-factor-card";
import { UserStatus } from "@/components/admin/users-table";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Viewer } from "@/lib/auth/principal";
import { secondFactorOf } from "@/lib/auth/mfa-recovery";
import { readForPage, requirePagePermission } from "@/lib/auth/viewer";
import { DomainError, Invalid, NotFound } from "@/lib/errors";
import { USERS_PATH, viewAsPath } from "@/lib/navigation";
import type { RowScopedResource } from "@/lib/rbac/catalog";
import {
  effectivePermissionsOf,
  explainRowAccess,
  getUserDetail,
  isAdmin,
  listOrgChoices,
  listRoles,
  listTeams,
} from "@/lib/rbac/service";
import {
  assignRoleAction,
  endAllSessionsAction,
  grantAction,
  previewAccountAction,
  previewAssignAction,
  previewGrantAction,
  resetSecondFactorAction,
  revokeGrantAction,
  revokeRoleAction,
  updateAccountAction,
} from "../actions";

export const metadata: Metadata = { title: "User" };

type UserPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{
    access_resource?: string | string[];
    access_id?: string | string[];
    access_action?: string | string[];
  }>;
};

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/** The answer to the page's "why" form, or its refusal in words; nothing when it was not asked. */
async function rowAccessAnswer(
  viewer: Viewer,
  userId: string,
  resource: RowScopedResource,
  rowId: string,
  action: string,
): Promise<RowAccessAnswer> {
  if (!rowId) return null;
  const one = resource === "report" ? "saved report" : "sale";
  try {
    return { view: await explainRowAccess(viewer, userId, { resource, action, id: rowId.trim() }) };
  } catch (error) {
    if (error instanceof NotFound) return { error: `No ${one} has that id.` };
    if (error instanceof Invalid && error.errors?.some((e) => e.field === "id"))
      return {
        error:
          resource === "report"
            ? "That is not a saved report's id: copy it from GET /api/v1/reports."
            : "That is not a sale id: copy it from the end of the sale's address.",
      };
    if (error instanceof Invalid) return { error: error.errors?.[0]?.message ?? error.message };
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  }
}

export default async function UserPage({ params, searchParams }: UserPageProps) {
  const viewer = await requirePagePermission("user", "list");
  const { id } = await params;
  const query = await searchParams;
  const rowResource: RowScopedResource = single(query.access_resource) === "report" ? "report" : "sale";
  const rowId = single(query.access_id);
  const action = single(query.access_action);
  const admin = isAdmin(viewer);
  // The service shows a user's details to that user and to admins only.
  if (!admin && viewer.id !== id) forbidden();
  const [[detail, org], effective, roles, teams, secondFactor, access] = await Promise.all([
    // The reporting-line form names the person they report to now.
    readForPage(getUserDetail(viewer, id)).then(
      async (found) => [found, await listOrgChoices(viewer, found.user.manager_id)] as const,
    ),
    readForPage(effectivePermissionsOf(viewer, id, { explain: "true" })),
    listRoles(viewer, { include_system: "false" }),
    listTeams(viewer),
    admin ? readForPage(secondFactorOf(viewer, id)) : null,
    admin ? rowAccessAnswer(viewer, id, rowResource, rowId, action) : null,
  ]);
  const { user } = detail;
  const now = new Date();
  const isSelf = viewer.id === user.id;
  // Only a superuser may change a superuser (the service refuses anyone else).
  const accountEditable = admin && (viewer.isSuperuser || !user.is_superuser);
  // An ended assignment may be assigned again (which renews it).
  const held = new Set(detail.custom_roles.filter((role) => !role.expired).map((role) => role.name));

  return (
    <div className="grid gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {user.name}
            <UserStatus user={user} />
          </span>
        }
        description={`${user.username} · ${user.email} · base role ${user.base_role} · ${user.team ? `team ${user.team}` : "no team"}`}
        actions={
          <>
            {admin && user.is_active && (
              <Link href={viewAsPath(user.id)} className={buttonClass({ variant: "outline" })}>
                View as {user.username}
              </Link>
            )}
            <Link href={USERS_PATH} className={buttonClass({ variant: "outline" })}>
              Back to users
            </Link>
          </>
        }
      />

      <Card>
        <CardHeader>
          <CardTitle>Account</CardTitle>
          <CardDescription>
            Nobody can demote or deactivate the last active admin or superuser, themselves included. Only a superuser
            changes superuser status. Demoting or deactivating a user ends their sessions.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {accountEditable ? (
            <div className="grid gap-6">
              <AccountForms
                action={updateAccountAction}
                preview={previewAccountAction}
                user={user}
                teams={teams}
                manager={org.manager}
                regions={org.regions}
                isSelf={isSelf}
                viewerIsSuperuser={viewer.isSuperuser}
              />
              <ActionForm action={endAllSessionsAction} aria-label="End all sessions">
                <input type="hidden" name="user_id" value={user.id} />
                <ConfirmButton
                  variant="outline"
                  title={`Sign ${isSelf ? "yourself" : user.username} out everywhere?`}
                  description="Every session of this account ends; API tokens are not affected."
                  confirmLabel="End all sessions"
                >
                  End all sessions
                </ConfirmButton>
              </ActionForm>
            </div>
          ) : (
            <Alert variant="info">
              {admin
                ? `${user.username} is a superuser: only a superuser can change this account.`
                : "Read only: only an admin or a superuser can change accounts."}
            </Alert>
          )}
        </CardContent>
      </Card>

      {secondFactor && (
        <SecondFactorCard
          userId={user.id}
          username={user.username}
          enabledAt={secondFactor.enabledAt}
          notResettable={
            isSelf
              ? "Your own: turn it off on the Security page, with a code."
              : accountEditable
                ? null
                : "Only a superuser can reset a superuser's two-factor sign-in."
          }
          resetAction={resetSecondFactorAction}
        />
      )}

      <Card>
        <CardHeader>
          <CardTitle>Custom roles</CardTitle>
          <CardDescription>Each role adds its permissions to the base role&apos;s.</CardDescription>
        </CardHeader>
        <CardContent>
          <AssignedRoles
            userId={user.id}
            username={user.username}
            assigned={detail.custom_roles.map((role) => ({ ...role, assignedAt: role.assigned_at }))}
            assignable={roles.filter((role) => !held.has(role.name))}
            assignAction={assignRoleAction}
            revokeAction={revokeRoleAction}
            previewAction={previewAssignAction}
            readOnly={!admin}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Direct grants</CardTitle>
          <CardDescription>
            Permissions given to this user alone, optionally until a given time. Expired grants are kept for the record
            and grant nothing.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <GrantsTable
            action={revokeGrantAction}
            username={user.username}
            readOnly={!admin}
            grants={detail.grants.map((grant) => ({
              ...grant,
              expiry: <GrantExpiry expiresAt={grant.expires_at} now={now} />,
            }))}
          />
          {admin && <GrantForm action={grantAction} userId={user.id} preview={previewGrantAction} />}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Effective permissions</CardTitle>
          <CardDescription>
            Base role ∪ custom roles ∪ active, unexpired grants, and what grants each action. For row-scoped resources
            the widest scope wins.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {effective.is_superuser && (
            <Alert variant="warning">Superuser: passes every permission check, granted or not by a role.</Alert>
          )}
          <EffectivePermissionsGrid effective={effective} grants={detail.grants} now={now} />
        </CardContent>
      </Card>

      {admin && (
        <Card id="row-access">
          <CardHeader>
            <CardTitle>Why can or can&apos;t {user.username} act on a sale or a report?</CardTitle>
            <CardDescription>
              Paste a sale&apos;s or a saved report&apos;s id: each layer of their permissions, the scope that applies,
              and what the database returns when asked as {user.username}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <RowAccess
              userId={user.id}
              username={user.username}
              resource={rowResource}
              rowId={rowId}
              action={action}
              answer={access}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
