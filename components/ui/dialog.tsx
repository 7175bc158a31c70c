"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type DialogProps = {
  open: boolean;
  /** Called with `false` whenever the dialog closes: Escape, a click on the backdrop, or `open` turning false. */
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  className?: string;
  /** The body and the action buttons. */
  children?: ReactNode;
};

/**
 * A modal on the native <dialog>: showModal() gives the focus trap, Escape and the inert page for free.
 * Focus goes to the first focusable element inside, and back to the opener on close.
 */
export function Dialog({ open, onOpenChange, title, description, className, children }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Every way of closing ends in the native "close" event, so state and focus are restored here once.
  function handleClose() {
    onOpenChange(false);
    openerRef.current?.focus();
    openerRef.current = null;
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={handleClose}
      // The content fills the dialog box, so a click whose target is the <dialog> itself landed on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
      className={cn(
        // Text settings reset: a dialog opened from a table cell must not inherit its alignment.
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border bg-background p-0 text-left text-base font-normal whitespace-normal text-foreground shadow-lg backdrop:bg-foreground/40",
        className,
      )}
    >
      <div className="grid gap-4 p-6">
        <div className="grid gap-1.5">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <p id={descriptionId} className="text-sm text-muted-foreground">
              {description}
            </p>
          )}
        </div>
        {children}
      </div>
    </dialog>
  );
}

/** Right-aligned row for a dialog's buttons; put Cancel first so it takes the initial focus. */
export function DialogActions({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={cn("flex flex-wrap justify-end gap-2", className)}>{children}</div>;
}
