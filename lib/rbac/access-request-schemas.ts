// Access requests' inputs and answers as zod schemas: the REST routes, the forms' server actions
// and the OpenAPI document all use these.
import { z } from "zod";
import { uuidSchema } from "@/lib/validation";
import { actionListSchema, actionSchema, resourceSchema, scopeFitsResource, scopeMisfit, scopeSchema } from "./schemas";

/** The longest any request may ask for, whatever the resource: a year. */
export const MAX_REQUEST_HOURS = 24 * 365;

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "denied"] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

const neededReason = z.string({ error: "Say why" }).trim().min(1, "Say why").max(1000, "At most 1000 characters");

export const accessRequestInput = z
  .strictObject({
    resource: resourceSchema,
    actions: actionListSchema,
    scope: scopeSchema.optional(),
    reason: neededReason,
    duration_hours: z
      .int({ error: "Enter a whole number of hours" })
      .min(1, "At least 1 hour")
      .max(MAX_REQUEST_HOURS, `At most ${MAX_REQUEST_HOURS} hours (a year)`),
  })
  .refine(scopeFitsResource, scopeMisfit);

export const approveAccessRequestInput = z.strictObject({
  reason: z.string().trim().max(1000, "At most 1000 characters").nullish(),
});

export const denyAccessRequestInput = z.strictObject({ reason: neededReason });

export const accessRequestIdParam = z.strictObject({ id: uuidSchema });

/** `mine`: the caller's own requests; `queue`: every pending one (approvers only). */
export const listAccessRequestsQuery = z.strictObject({
  view: z.enum(["mine", "queue"], { error: 'Use "mine" or "queue"' }).optional(),
});

export type AccessRequestInput = z.input<typeof accessRequestInput>;

const instant = z.iso.datetime({ offset: true });

export const accessRequestView = z.object({
  id: z.uuid(),
  requester_id: z.uuid(),
  requester_username: z.string(),
  resource: resourceSchema,
  actions: z.array(actionSchema),
  scope: scopeSchema.nullable(),
  reason: z.string(),
  duration_hours: z.int(),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  created_at: instant,
  decided_by_id: z.uuid().nullable(),
  decided_by_username: z.string().nullable(),
  decision_reason: z.string().nullable(),
  decided_at: instant.nullable(),
  /** The direct grant an approval made (null once revoked, or for other outcomes). */
  grant_id: z.uuid().nullable(),
  /** When that grant ends. */
  expires_at: instant.nullable(),
});

export const accessRequestList = z.array(accessRequestView);

export type AccessRequestView = z.infer<typeof accessRequestView>;
