"use client";

import { useActionState, useRef, type ReactNode } from "react";
import { idle, type ActionState, type FormAction } from "@/lib/action-state";
import { Alert } from "@/components/ui/alert";
import { useFocusFirstProblem } from "@/components/ui/use-focus-first-problem";

interface ActionFormProps {
  action: FormAction;
  className?: string;
  /** Children may read the state (field errors) and whether the action is running. */
  children: ReactNode | ((state: ActionState, pending: boolean) => ReactNode);
  /** Hide the success message (when the page itself shows the result). */
  quiet?: boolean;
  "aria-label"?: string;
}

/** A form bound to a server action: shows its pending state, its error or its confirmation. */
export function ActionForm({ action, className, children, quiet = false, ...rest }: ActionFormProps) {
  const [state, formAction, pending] = useActionState(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstProblem(formRef, state.status === "error" ? state : null);
  return (
    <form ref={formRef} action={formAction} className={className} aria-busy={pending || undefined} {...rest}>
      {state.status === "error" && <Alert variant="error">{state.error}</Alert>}
      {state.status === "success" && !quiet && <Alert variant="success">{state.message}</Alert>}
      {typeof children === "function" ? children(state, pending) : children}
    </form>
  );
}
