"use server";

import { z } from "zod";
import { Invalid } from "@/lib/errors";
import { AUDIT_PATH, EVERY_USER_PATH } from "@/lib/navigation";
import { ACCESS_REQUEST_QUEUE_PATH, MY_ACCESS_REQUESTS_PATH } from "@/lib/rbac/access-request-paths";
import { permissionLabel } from "@/lib/rbac/catalog";
import { approveAccessRequest, denyAccessRequest } from "@/lib/rbac/service";
import { consoleAction, optionalText } from "../admin-action";

const decisionForm = z.object({ request_id: z.string(), reason: optionalText });
const decisionPaths = [ACCESS_REQUEST_QUEUE_PATH, MY_ACCESS_REQUESTS_PATH, EVERY_USER_PATH, AUDIT_PATH];

export const approveAccessRequestAction = consoleAction(decisionForm, async (input, viewer) => {
  const request = await approveAccessRequest(viewer, input.request_id, { reason: input.reason });
  return {
    message: `Approved: ${request.requester_username} holds ${permissionLabel(request.resource, request.actions, request.scope)} for ${request.duration_hours} hours.`,
    revalidate: decisionPaths,
  };
});

export const denyAccessRequestAction = consoleAction(decisionForm, async (input, viewer) => {
  // The queue's reason box sits beside the button, not in a labelled field: say what is missing in words.
  if (!input.reason) throw new Invalid("Give a reason for denying the request: they will read it.");
  const request = await denyAccessRequest(viewer, input.request_id, { reason: input.reason });
  return {
    message: `Denied ${request.requester_username}'s request for ${permissionLabel(request.resource, request.actions, request.scope)}.`,
    revalidate: decisionPaths,
  };
});
