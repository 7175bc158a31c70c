import { ActionForm } from "@/components/action-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { DateTime } from "@/components/ui/local-time";
import type { FormAction } from "@/lib/action-state";

interface SecondFactorCardProps {
  userId: string;
  username: string;
  enabledAt: Date | null;
  /** Why the reset is not offered (one's own account, a superuser's), or null when it is. */
  notResettable: string | null;
  resetAction: FormAction;
}

/** A user's two-factor sign-in as an admin sees it, with the reset for a lost phone. */
export function SecondFactorCard({ userId, username, enabledAt, notResettable, resetAction }: SecondFactorCardProps) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor sign-in {enabledAt ? <Badge variant="success">On</Badge> : <Badge variant="neutral">Off</Badge>}
        </CardTitle>
        <CardDescription>
          {enabledAt ? (
            <>
              On since <DateTime value={enabledAt} />. Resetting it helps someone who lost both the app and their
              recovery codes: it turns it off and signs them out everywhere.
            </>
          ) : (
            "Off: the password alone signs this account in."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {/* Rendered while off too, so the reset's confirmation stays in view after it. */}
        <ActionForm action={resetAction} aria-label="Reset two-factor sign-in">
          <input type="hidden" name="user_id" value={userId} />
          {enabledAt &&
            (notResettable ? (
              <p className="text-sm text-muted-foreground">{notResettable}</p>
            ) : (
              <ConfirmButton
                variant="outline"
                title={`Reset two-factor sign-in for ${username}?`}
                description={`${username}'s authenticator app and recovery codes stop working, every session of the account ends, and the password alone signs in until two-factor sign-in is turned on again. This is recorded in the audit log.`}
                confirmLabel="Reset"
              >
                Reset two-factor sign-in
              </ConfirmButton>
            ))}
        </ActionForm>
      </CardContent>
    </Card>
  );
}
