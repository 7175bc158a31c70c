// What every admin console action shares: the wrapper that turns a form into a call of one
// lib/rbac function (which checks the viewer itself, REQUIRE_ADMIN_MFA included) and refreshes
// the pages it changed, the preview wrapper, and the shaping of fields several forms send.
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction, errorState, formDataToObject } from "@/lib/actions";
import type { Viewer } from "@/lib/auth/principal";
import { getViewer } from "@/lib/auth/viewer";
import { requireAdmin } from "@/lib/rbac/access";
import { whatIf } from "@/lib/rbac/service";
import type { PreviewAction } from "@/lib/rbac/what-if-schemas";
import { fieldErrors } from "@/lib/validation";
import { zonedTimeToUtc } from "./form-fields";

export interface ConsoleResult {
  /** Shown to the admin as the confirmation. */
  message: string;
  /** Pages that show what changed; a path with `[…]` stands for every page it matches. */
  revalidate: string[];
  redirectTo?: string;
}

/** A server action for one console form: the viewer and form via authedAction, then fresh pages. */
export function consoleAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, viewer: Viewer) => Promise<ConsoleResult>,
) {
  return authedAction(schema, async (input, viewer) => {
    const result = await run(input, viewer);
    for (const path of result.revalidate) revalidatePath(path, path.includes("[") ? "page" : undefined);
    if (result.redirectTo) redirect(result.redirectTo);
    return result.message;
  });
}

/** A form's "Preview changes": its fields shaped by `schema` into a proposal, answered by whatIf. */
export function previewAction<S extends z.ZodType>(schema: S): PreviewAction {
  return async (formData) => {
    if (!(formData instanceof FormData)) return { status: "error", error: "This form could not be read." };
    try {
      const viewer = await getViewer();
      if (!viewer) return { status: "error", error: "Your session has ended. Sign in again." };
      // Refused before the form is read, as the change itself is.
      requireAdmin(viewer);
      const parsed = schema.safeParse(formDataToObject(formData));
      if (!parsed.success) {
        const fields = Object.fromEntries(fieldErrors(parsed.error).map((e) => [e.field, e.message]));
        return { status: "error", error: "Check the highlighted fields.", fieldErrors: fields };
      }
      return { status: "ready", result: await whatIf(viewer, parsed.data) };
    } catch (error) {
      const state = errorState(error);
      return state.status === "error" ? state : { status: "error", error: "The preview could not be made." };
    }
  };
}

/** A text field; an empty one is left out so the service sees "not given". */
export const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));
export const text = z.string().default("");
export const flag = z.enum(["true", "false"]).transform((value) => value === "true");
/** A checkbox group: one entry per checked box, none when nothing is checked. */
export const checkedValues = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()));

/** A datetime-local value read on the wall clock of `time_zone` (the browser's zone), as UTC; null when empty. */
export function localExpiry(fields: { expires_local?: string; time_zone: string }, context: z.RefinementCtx) {
  const expiresAt = fields.expires_local ? zonedTimeToUtc(fields.expires_local, fields.time_zone) : null;
  if (fields.expires_local && !expiresAt) {
    context.addIssue({ code: "custom", path: ["expires_at"], message: "Enter a valid date and time" });
    return z.NEVER;
  }
  return expiresAt?.toISOString() ?? null;
}
