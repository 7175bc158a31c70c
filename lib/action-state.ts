/** The state every form's server action returns (for useFormAction), the sign-in form's aside. */
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

/** What the sign-in form's action returns: its own shape, as it has two steps. */
export interface SignInState {
  error?: string;
  login?: string;
  /** Set after a right password for an account with two-factor sign-in: the code step's ticket. */
  ticket?: string;
  /** The one field to blame, when there is one; otherwise both are marked. */
  field?: "login" | "password";
}

export type SignInAction = (previous: SignInState, formData: FormData) => Promise<SignInState>;
