import type { Metadata } from "next";
import { MfaDisableForm } from "@/components/auth/mfa-disable-form";
import { MfaEnrolForm } from "@/components/auth/mfa-enrol-form";
import { RecoveryCodesForm } from "@/components/auth/recovery-codes-form";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { secondFactorStatus, startEnrolment } from "@/lib/auth/mfa";
import { adminMfaRequired } from "@/lib/auth/mfa-policy";
import { requireViewer } from "@/lib/auth/viewer";
import { disableMfaAction, enableMfaAction, regenerateRecoveryCodesAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const viewer = await requireViewer();
  const { required } = await searchParams;
  const status = await secondFactorStatus(viewer);
  const enabled = status.enabledAt !== null;
  const administers = viewer.isSuperuser || viewer.baseRole === "admin";
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Security"
        description="Two-factor sign-in: a code from an app on your phone, after your password."
      />
      {required === "admin" && !enabled && adminMfaRequired() && administers && (
        <Alert variant="warning" title="Turn on two-factor sign-in to reach the admin pages">
          This deployment requires it of admins and superusers.
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            Two-factor sign-in {enabled ? <Badge variant="success">On</Badge> : <Badge variant="neutral">Off</Badge>}
          </CardTitle>
          <CardDescription>
            {enabled
              ? `On since ${formatDateTime(status.enabledAt)}. ${status.recoveryCodesLeft} of 10 recovery codes left.`
              : "Any authenticator app that supports TOTP works (for example one from your phone's app store)."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {enabled ? (
            <MfaDisableForm action={disableMfaAction} />
          ) : (
            <MfaEnrolForm action={enableMfaAction} {...await startEnrolment(viewer)} />
          )}
        </CardContent>
      </Card>
      {enabled && (
        <Card>
          <CardHeader>
            <CardTitle>Recovery codes</CardTitle>
            <CardDescription>
              Lost them, or used most? Make ten new ones with a current code, a recovery code or your password. Lost the
              app and every code? An admin can reset two-factor sign-in for you.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <RecoveryCodesForm action={regenerateRecoveryCodesAction} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
