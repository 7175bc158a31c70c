// The body and answer of POST /api/v1/rbac/what-if: a proposed change in the shape of the real
// change's own input (lib/rbac/schemas.ts), named by `change`, and who it would affect.
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { uuidSchema } from "@/lib/validation";
import { BASE_ROLES } from "./catalog";
import {
  actionListSchema,
  actionSchema,
  futureInstant,
  permissionEntrySchema,
  reasonSchema,
  resourceSchema,
  roleNameSchema,
  scopeFitsResource,
  scopeMisfit,
  scopeSchema,
  updateUserInput,
} from "./schemas";

/** How many affected users an answer lists; `total_affected` counts them all. */
export const WHAT_IF_LIST_LIMIT = 50;

export const whatIfInput = z.discriminatedUnion(
  "change",
  [
    z.strictObject({
      change: z.literal("role"),
      role_name: roleNameSchema,
      permissions: z.array(permissionEntrySchema),
      reason: reasonSchema,
    }),
    z
      .strictObject({
        change: z.literal("grant"),
        user_id: uuidSchema,
        resource: resourceSchema,
        actions: actionListSchema,
        scope: scopeSchema.optional(),
        expires_at: futureInstant.nullish(),
        reason: reasonSchema,
      })
      .refine(scopeFitsResource, scopeMisfit),
    z.strictObject({
      change: z.literal("assignment"),
      user_id: uuidSchema,
      role_name: roleNameSchema,
      expires_at: futureInstant.nullish(),
      reason: reasonSchema,
    }),
    z.strictObject({
      change: z.literal("user"),
      user_id: uuidSchema,
      base_role: z.enum(BASE_ROLES).optional(),
      team: updateUserInput.shape.team,
      regions: updateUserInput.shape.regions,
      reason: reasonSchema,
    }),
  ],
  { error: 'Say which change: "role", "grant", "assignment" or "user"' },
);

const permissionChange = z.object({
  resource: resourceSchema,
  action: actionSchema,
  /** Row-scoped resources only: the kind of rows gained or lost. */
  scope: scopeSchema.optional(),
});

export const whatIfUser = z.object({
  user_id: z.uuid(),
  username: z.string(),
  name: z.string(),
  gains: z.array(permissionChange),
  losses: z.array(permissionChange),
  /** Sales the user may list, counted with the same row scope the sales list applies. */
  rows: z.object({ before: z.int(), after: z.int() }),
});

export const whatIfResult = z.object({
  change: z.enum(["role", "grant", "assignment", "user"]),
  /** Users the change reaches (a role's holders, or the one user). */
  reached: z.int(),
  /** Of those, users whose permissions or visible sales change. */
  total_affected: z.int(),
  /** The first of them by username, at most WHAT_IF_LIST_LIMIT. */
  users: z.array(whatIfUser),
  truncated: z.boolean(),
});

export type WhatIfInput = z.input<typeof whatIfInput>;
export type PermissionChange = z.infer<typeof permissionChange>;
export type WhatIfUser = z.infer<typeof whatIfUser>;
export type WhatIfResult = z.infer<typeof whatIfResult>;

/** What a preview in the console shows: nothing yet, who would be affected, or why it could not be made. */
export type PreviewState =
  { status: "idle" } | { status: "ready"; result: WhatIfResult } | Extract<ActionState, { status: "error" }>;

/** A server action answering a console form with its preview. */
export type PreviewAction = (formData: FormData) => Promise<PreviewState>;
