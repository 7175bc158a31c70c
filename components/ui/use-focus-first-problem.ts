"use client";

import { useEffect, type RefObject } from "react";

/**
 * After a failed submit, takes the keyboard (and the eye) to the first field marked invalid, or to
 * the form's message when no single field is to blame. `failure` is the refused state: a new
 * object for each refusal, so submitting the same mistake twice moves focus again.
 */
export function useFocusFirstProblem(form: RefObject<HTMLFormElement | null>, failure: object | null): void {
  useEffect(() => {
    if (!failure || !form.current) return;
    const invalid = form.current.querySelector<HTMLElement>('[aria-invalid="true"]:not([type="hidden"])');
    if (invalid) {
      invalid.focus();
      return;
    }
    const message = form.current.querySelector<HTMLElement>('[role="alert"]');
    if (message) {
      message.tabIndex = -1;
      message.focus();
    }
  }, [failure, form]);
}
