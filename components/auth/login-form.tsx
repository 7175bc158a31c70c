"use client";

import Link from "next/link";
import { useRef } from "react";
import { useFormAction } from "@/components/action-form";
import type { SignInAction, SignInState } from "@/lib/action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useFocusFirstProblem } from "@/components/ui/use-focus-first-problem";

export function LoginForm({ action, callbackUrl }: { action: SignInAction; callbackUrl: string }) {
  // Its own state (the second step's ticket, which field was wrong), posted as every form is.
  const { state, pending, formProps } = useFormAction<SignInState>(action, {});
  const describedBy = state.error ? "login-error" : undefined;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstProblem(formRef, state.error ? state : null);
  return (
    <form ref={formRef} {...formProps} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <Alert variant="error" id="login-error">
          {state.error}
        </Alert>
      )}
      {state.ticket ? (
        <>
          <input type="hidden" name="ticket" value={state.ticket} />
          <div className="space-y-1.5">
            <Label htmlFor="code">Authentication code</Label>
            <Input
              id="code"
              name="code"
              autoComplete="one-time-code"
              autoFocus
              required
              aria-invalid={state.error ? true : undefined}
              aria-describedby={describedBy ? `${describedBy} code-hint` : "code-hint"}
            />
            <p id="code-hint" className="text-sm text-muted-foreground">
              The 6-digit code from your authenticator app, or one of your recovery codes.
            </p>
          </div>
          <Button type="submit" className="w-full" pending={pending}>
            Verify
          </Button>
          <Link
            href="/login"
            className="block text-center text-sm text-muted-foreground underline-offset-4 hover:underline"
          >
            Start over
          </Link>
        </>
      ) : (
        <>
          <div className="space-y-1.5">
            <Label htmlFor="login">Username or email</Label>
            <Input
              id="login"
              name="login"
              autoComplete="username"
              autoFocus
              required
              defaultValue={state.login}
              aria-invalid={state.error && state.field !== "password" ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="password">Password</Label>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={state.error && state.field !== "login" ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <Button type="submit" className="w-full" pending={pending}>
            Sign in
          </Button>
        </>
      )}
    </form>
  );
}
