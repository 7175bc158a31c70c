// Inputs and answers of "Expiring soon": the grants and role assignments ending within a week, and
// extending one of them. Additive to the reference.
import { z } from "zod";
import { uuidSchema } from "@/lib/validation";
import { futureInstant } from "./schemas";

/** How far ahead the list looks. */
export const EXPIRING_WINDOW_DAYS = 7;
/** The quick choices of the extend form, in days added to the current end. */
export const EXTEND_CHOICES = [7, 30] as const;
/** The most items one page lists. */
export const MAX_EXPIRING_PAGE_SIZE = 100;

export const EXPIRING_KINDS = ["grant", "assignment"] as const;
export type ExpiringKind = (typeof EXPIRING_KINDS)[number];

export const expiringQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_EXPIRING_PAGE_SIZE).default(25),
});

export const expiringItemParams = z.strictObject({ id: uuidSchema });
/** The paths of PATCH /grants/{grant_id} and /assignments/{assignment_id}. */
export const grantIdParam = z.strictObject({ grant_id: uuidSchema });
export const assignmentIdParam = z.strictObject({ assignment_id: uuidSchema });

/**
 * The body of an extension: a new end (`expires_at`) or days added to the current one
 * (`add_days`), exactly one of them, and why.
 */
export const extendInput = z
  .strictObject({
    expires_at: futureInstant.optional(),
    add_days: z.int("Must be a whole number of days").min(1, "At least 1 day").max(366, "At most 366 days").optional(),
    reason: z
      .string("Say why the access is extended")
      .trim()
      .min(1, "Say why the access is extended")
      .max(1000, "At most 1000 characters"),
  })
  .refine((input) => (input.expires_at === undefined) !== (input.add_days === undefined), {
    message: "Choose a new end or a number of days to add, not both",
    path: ["expires_at"],
  });

export type ExtendInput = z.infer<typeof extendInput>;

const instant = z.iso.datetime({ offset: true });

const itemFields = {
  id: z.uuid(),
  user_id: z.uuid(),
  username: z.string(),
  user_name: z.string(),
  expires_at: instant,
  reason: z.string().nullable(),
};

export const expiringItemView = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("grant"),
    ...itemFields,
    resource: z.string(),
    actions: z.array(z.string()),
    scope: z.string().nullable(),
  }),
  z.object({ kind: z.literal("assignment"), ...itemFields, role: z.string() }),
]);

export const expiringPage = z.object({
  items: z.array(expiringItemView),
  total: z.int(),
  page: z.int(),
  page_size: z.int(),
  /** The database clock the list was judged on. */
  now: instant,
});

export const extendResult = z.object({
  status: z.literal("extended"),
  kind: z.enum(EXPIRING_KINDS),
  id: z.uuid(),
  user_id: z.uuid(),
  previous_expires_at: instant,
  expires_at: instant,
});

export type ExpiringItem = z.infer<typeof expiringItemView>;
export type ExpiringPage = z.infer<typeof expiringPage>;
export type ExtendResult = z.infer<typeof extendResult>;
