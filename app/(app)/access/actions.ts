"use server";

import { z } from "zod";
import { ACCESS_REQUEST_QUEUE_PATH, MY_ACCESS_REQUESTS_PATH } from "@/lib/rbac/access-request-paths";
import { permissionLabel } from "@/lib/rbac/catalog";
import { createAccessRequest } from "@/lib/rbac/service";
import { AUDIT_PATH } from "@/lib/navigation";
import { checkedValues, consoleAction, optionalText } from "../admin/admin-action";

const requestAccessForm = z
  .object({
    resource: z.string().default(""),
    actions: checkedValues,
    scope: optionalText,
    reason: z.string().default(""),
    // A number field arrives as text; anything but a whole number is the service's to refuse.
    duration_hours: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? Number(value) : undefined)),
  })
  .transform(({ scope, ...fields }) => ({ ...fields, ...(scope ? { scope } : {}) }));

/** Anyone signed in may ask; lib/rbac/access-requests.ts validates, stores and audits the request. */
export const requestAccessAction = consoleAction(requestAccessForm, async (input, viewer) => {
  const request = await createAccessRequest(viewer, input);
  return {
    message: `Asked for ${permissionLabel(request.resource, request.actions, request.scope)}.`,
    revalidate: [MY_ACCESS_REQUESTS_PATH, ACCESS_REQUEST_QUEUE_PATH, AUDIT_PATH],
    redirectTo: `${MY_ACCESS_REQUESTS_PATH}?requested=${encodeURIComponent(request.id)}`,
  };
});
