// The admin console's "Preview changes": a form's fields (lib/rbac/what-if-forms.ts) answered
// with who the change would affect. The same service as POST /rbac/what-if.
import "server-only";
import { z } from "zod";
import { errorState, formDataToObject } from "@/lib/actions";
import { getViewer } from "@/lib/auth/viewer";
import { fieldErrors } from "@/lib/validation";
import { requireAdmin } from "./access";
import { whatIf } from "./what-if";
import type { PreviewAction } from "./what-if-schemas";

/** A preview action for one form: the viewer, the admin check, the form shaped by `schema`, then whatIf. */
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
