import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/principal";
import { getViewer } from "@/lib/auth/viewer";
import { isDataException, isUnreachable } from "@/db/errors";
import { DomainError, Invalid } from "@/lib/errors";
import { fieldErrors, unstorableFields } from "@/lib/validation";
import type { ActionState, FormAction } from "./action-state";

export type { ActionState } from "./action-state";

/** FormData as a plain object; keys that repeat (checkbox groups) become arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

export function errorState(error: unknown): ActionState {
  if (error instanceof DomainError) {
    const fields = error.errors?.length ? Object.fromEntries(error.errors.map((e) => [e.field, e.message])) : undefined;
    // The API's "Invalid input" says nothing to a person; the fields themselves say what is wrong.
    const message = error instanceof Invalid && fields ? "Check the highlighted fields." : error.message;
    return { status: "error", error: message, fieldErrors: fields };
  }
  if (isUnreachable(error)) return { status: "error", error: "The database is unreachable. Try again in a moment." };
  if (isDataException(error)) {
    console.warn("A value reached the database unchecked", error);
    return { status: "error", error: "One of the values could not be saved. Check the fields and try again." };
  }
  throw error;
}

const MALFORMED: ActionState = {
  status: "error",
  error: "This form could not be read. Reload the page and try again.",
};

/**
 * Wraps a server action: resolves the viewer itself (no action can forget to), parses the form with
 * the input's zod schema, runs, and turns known errors into form state. The action body still
 * calls lib/ functions that check the viewer's permission: this wrapper only guarantees a viewer.
 */
export function authedAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, viewer: Viewer) => Promise<string | { message: string; secret?: string }>,
  prepare: (formData: FormData) => unknown = formDataToObject,
) {
  const action: FormAction = async (_previous, formData) => {
    // A hand-made request may post anything as the action's arguments.
    if (!(formData instanceof FormData)) return MALFORMED;
    let viewer: Viewer | null;
    try {
      viewer = await getViewer();
    } catch (error) {
      return errorState(error);
    }
    if (!viewer) return { status: "error", error: "Your session has ended. Sign in again." };
    const input = prepare(formData);
    const unstorable = unstorableFields(input);
    const parsed = schema.safeParse(input);
    if (unstorable.length > 0 || !parsed.success) {
      const errors = unstorable.length > 0 || parsed.success ? unstorable : fieldErrors(parsed.error);
      const fields = Object.fromEntries(errors.map((e) => [e.field, e.message]));
      return { status: "error", error: "Check the highlighted fields.", fieldErrors: fields };
    }
    try {
      const result = await run(parsed.data, viewer);
      return typeof result === "string" ? { status: "success", message: result } : { status: "success", ...result };
    } catch (error) {
      return errorState(error);
    }
  };
  return action;
}
