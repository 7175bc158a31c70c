"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { createOwnToken, revokeOwnToken } from "@/lib/auth/account";
import { tokenNameSchema } from "@/lib/auth/tokens";
import { SCOPES } from "@/lib/rbac/catalog";
import { uuidSchema } from "@/lib/validation";

const listOf = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

const createTokenForm = z.object({
  name: tokenNameSchema,
  expiresIn: z.union([z.literal("never"), z.coerce.number().int().positive().max(36_500)], {
    message: "Choose an expiry",
  }),
  access: z.enum(["all", "some"], { message: "Choose what the token may do" }),
  permissions: listOf,
  scope_sale: z.enum(["", ...SCOPES]).optional(),
});

export const createTokenAction = authedAction(createTokenForm, async (input, viewer) => {
  const expiresAt = input.expiresIn === "never" ? null : new Date(Date.now() + input.expiresIn * 86_400_000);
  const created = await createOwnToken(viewer, {
    name: input.name,
    expiresAt,
    permissions: input.access === "all" ? null : input.permissions,
    scopes: input.scope_sale ? { sale: input.scope_sale } : {},
  });
  revalidatePath("/account/tokens");
  return {
    message: `Token "${created.name}" created. Copy it now: it will not be shown again.`,
    secret: created.token,
  };
});

export const revokeTokenAction = authedAction(z.object({ id: uuidSchema }), async (input, viewer) => {
  await revokeOwnToken(viewer, input.id);
  revalidatePath("/account/tokens");
  return "Token revoked.";
});
