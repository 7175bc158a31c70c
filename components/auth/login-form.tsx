"use client";

import { useActionState, useRef } from "react";
import { signInAction, type SignInState } from "@/app/(auth)/login/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useFocusFirstProblem } from "@/components/ui/use-focus-first-problem";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstProblem(formRef, state.error ? state : null);
  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && (
        <Alert variant="error" id="login-error">
          {state.error}
        </Alert>
      )}
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
          aria-describedby={state.error ? "login-error" : undefined}
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
          aria-describedby={state.error ? "login-error" : undefined}
        />
      </div>
      <Button type="submit" className="w-full" pending={pending}>
        Sign in
      </Button>
    </form>
  );
}
