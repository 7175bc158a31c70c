"use client";

import { useRef, useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";
import { Dialog, DialogActions } from "./dialog";

type ConfirmButtonProps = Omit<ButtonProps, "ref" | "type" | "onClick" | "title"> & {
  title?: ReactNode;
  description?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
};

/**
 * A button that asks before it submits its form (the enclosing one, or the one named by `form`).
 * Put the data in the form's fields (hidden inputs), not on this button: requestSubmit() sends no submitter.
 * The trigger is type="button", so neither Enter in a field nor a click before hydration can skip the question.
 */
export function ConfirmButton({
  title = "Are you sure?",
  description,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  variant = "destructive",
  pending,
  children,
  ...props
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const status = useFormStatus();

  function confirm() {
    setOpen(false);
    triggerRef.current?.form?.requestSubmit();
  }

  return (
    <>
      <Button
        ref={triggerRef}
        type="button"
        variant={variant}
        pending={pending || status.pending}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        {...props}
      >
        {children}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={title} description={description}>
        <DialogActions>
          <Button type="button" variant="outline" onClick={() => setOpen(false)}>
            {cancelLabel}
          </Button>
          <Button type="button" variant="destructive" onClick={confirm}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
