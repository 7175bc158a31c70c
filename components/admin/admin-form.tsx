"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { useFocusFirstProblem } from "@/components/ui/use-focus-first-problem";
import { idle, type ActionState, type FormAction } from "@/lib/action-state";

/**
 * A server action for one or more forms. React resets a form after every action submitted through
 * its `action` prop, refused or not: one bad role name would clear a whole permission matrix.
 * Submitting from onSubmit skips that reset, so a refused form keeps what was typed; `action`
 * stays for a browser without JavaScript. Several forms (one per table row) may share one hook,
 * so the result shows above the table even when the row itself is gone.
 */
export function useAdminAction(action: FormAction) {
  const [state, formAction, pending] = useActionState(action, idle);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  }
  return { state, pending, formProps: { action: formAction, onSubmit } };
}

/** The refusal or the confirmation of the last submission. */
export function ActionResult({ state, quiet = false }: { state: ActionState; quiet?: boolean }) {
  if (state.status === "error") return <Alert variant="error">{state.error}</Alert>;
  if (state.status === "success" && !quiet) return <Alert variant="success">{state.message}</Alert>;
  return null;
}

interface AdminFormProps {
  action: FormAction;
  className?: string;
  children: ReactNode | ((state: ActionState, pending: boolean) => ReactNode);
  /** Hide the success message (when the page itself shows the result). */
  quiet?: boolean;
  "aria-label"?: string;
}

/** ActionForm for the console: keeps the fields and focuses the first invalid one when refused, resets after a success. */
export function AdminForm({ action, className, children, quiet = false, ...rest }: AdminFormProps) {
  const { state, pending, formProps } = useAdminAction(action);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);
  useFocusFirstProblem(formRef, state.status === "error" ? state : null);

  return (
    <form ref={formRef} className={className} aria-busy={pending || undefined} {...formProps} {...rest}>
      <ActionResult state={state} quiet={quiet} />
      {typeof children === "function" ? children(state, pending) : children}
    </form>
  );
}
