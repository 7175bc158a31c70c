import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { Label } from "./label";

/** What the control inside a Field must spread onto itself so the label, hint and error reach it. */
export type FieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

type FieldProps = {
  /** The control's id; the hint and error ids derive from it. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The server's message for this field; shown in red and announced. */
  error?: string;
  className?: string;
  /**
   * Renders the control, given the props that link it to the label, hint and error:
   * `{(control) => <Input name="email" {...control} />}`.
   * A function rather than cloneElement so the wiring is visible where the control is written.
   */
  children: (control: FieldControlProps) => ReactNode;
};

export function Field({ id, label, hint, error, className, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint && (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
