/** The one state every form's server action returns (for useActionState). */
export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string; /** Shown once, e.g. a new API token. */ secret?: string }
  | { status: "error"; error: string; fieldErrors?: Record<string, string> };

export const idle: ActionState = { status: "idle" };

export type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** The server's message for one field, if any. */
export function fieldError(state: ActionState, field: string): string | undefined {
  return state.status === "error" ? state.fieldErrors?.[field] : undefined;
}
