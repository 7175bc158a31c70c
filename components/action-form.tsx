"use client";

import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  type ComponentProps,
  type FormEvent,
  type ReactNode,
} from "react";
import { Alert } from "@/components/ui/alert";
import { useFocusFirstProblem } from "@/components/ui/use-focus-first-problem";
import { idle, type ActionState, type FormAction } from "@/lib/action-state";

/**
 * How every form posts to its server action. React resets a form after each action submitted
 * through its `action` prop, refused or not: one bad role name would clear a whole permission
 * matrix. Submitting from onSubmit skips that reset, so a refused form keeps what was typed;
 * `action` stays for a browser without JavaScript. Several forms (one per table row) may share
 * one hook, so the result shows above the table even when the row itself is gone.
 */
export function useFormAction<S>(
  action: (previous: Awaited<S>, formData: FormData) => S | Promise<S>,
  initial: Awaited<S>,
) {
  const [state, formAction, pending] = useActionState(action, initial);
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

type ActionFormProps = Omit<ComponentProps<"form">, "action" | "children" | "onSubmit"> & {
  action: FormAction;
  /** Children may read the state (field errors) and whether the action is running. */
  children: ReactNode | ((state: ActionState, pending: boolean) => ReactNode);
  /** Hide the success message (when the page itself shows the result). */
  quiet?: boolean;
  /** Keep the fields after a success too (an edit form showing what was saved). */
  keepOnSuccess?: boolean;
};

/**
 * A form bound to a server action: shows its pending state and its refusal or confirmation; when
 * refused it keeps the fields and focuses the first invalid one, after a success it empties them.
 */
export function ActionForm({ action, children, quiet = false, keepOnSuccess = false, ...rest }: ActionFormProps) {
  const { state, pending, formProps } = useFormAction(action, idle);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success" && !keepOnSuccess) formRef.current?.reset();
  }, [state, keepOnSuccess]);
  useFocusFirstProblem(formRef, state.status === "error" ? state : null);
  return (
    <form ref={formRef} aria-busy={pending || undefined} {...formProps} {...rest}>
      <ActionResult state={state} quiet={quiet} />
      {typeof children === "function" ? children(state, pending) : children}
    </form>
  );
}
