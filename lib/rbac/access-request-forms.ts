// What the access-request forms do once the server action knows the viewer: shape the form (zod),
// call lib/rbac/access-requests.ts (which authorizes, validates and audits) and say which pages changed.
import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/principal";
import { Invalid } from "@/lib/errors";
import { approveAccessRequest, createAccessRequest, denyAccessRequest } from "./access-requests";
import { permissionLabel } from "./catalog";
import { ACCESS_REQUEST_QUEUE_PATH, MY_ACCESS_REQUESTS_PATH } from "./access-request-paths";
import type { ConsoleResult } from "./console-actions";
import { AUDIT_PATH, EVERY_USER_PATH } from "./console-paths";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

export const requestAccessForm = z
  .object({
    resource: z.string().default(""),
    actions: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((value) => (value === undefined ? [] : [value].flat())),
    scope: optionalText,
    reason: z.string().default(""),
    // A number field arrives as text; anything but a whole number is the service's to refuse.
    duration_hours: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? Number(value) : undefined)),
  })
  .transform(({ scope, ...fields }) => ({ ...fields, ...(scope ? { scope } : {}) }));

export async function requestAccessFromForm(
  input: z.infer<typeof requestAccessForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const request = await createAccessRequest(viewer, input);
  return {
    message: `Asked for ${permissionLabel(request.resource, request.actions, request.scope)}.`,
    revalidate: [MY_ACCESS_REQUESTS_PATH, ACCESS_REQUEST_QUEUE_PATH, AUDIT_PATH],
    redirectTo: `${MY_ACCESS_REQUESTS_PATH}?requested=${encodeURIComponent(request.id)}`,
  };
}

export const decideAccessRequestForm = z.object({ request_id: z.string(), reason: optionalText });

const decisionPaths = [ACCESS_REQUEST_QUEUE_PATH, MY_ACCESS_REQUESTS_PATH, EVERY_USER_PATH, AUDIT_PATH];

export async function approveAccessRequestFromForm(
  input: z.infer<typeof decideAccessRequestForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  const request = await approveAccessRequest(viewer, input.request_id, { reason: input.reason });
  return {
    message: `Approved: ${request.requester_username} holds ${permissionLabel(request.resource, request.actions, request.scope)} for ${request.duration_hours} hours.`,
    revalidate: decisionPaths,
  };
}

export async function denyAccessRequestFromForm(
  input: z.infer<typeof decideAccessRequestForm>,
  viewer: Viewer,
): Promise<ConsoleResult> {
  // The queue's reason box sits beside the button, not in a labelled field: say what is missing in words.
  if (!input.reason) throw new Invalid("Give a reason for denying the request: they will read it.");
  const request = await denyAccessRequest(viewer, input.request_id, { reason: input.reason });
  return {
    message: `Denied ${request.requester_username}'s request for ${permissionLabel(request.resource, request.actions, request.scope)}.`,
    revalidate: decisionPaths,
  };
}
