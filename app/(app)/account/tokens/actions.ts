"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { createOwnToken, revokeOwnToken } from "@/lib/auth/account";
import { uuidSchema } from "@/lib/validation";

const EXPIRY_DAYS = ["never", "7", "30", "90", "365"] as const;

const createTokenForm = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
  expiresIn: z.enum(EXPIRY_DAYS, { message: "Choose an expiry" }),
});

export const createTokenAction = authedAction(createTokenForm, async (input, viewer) => {
  const expiresAt = input.expiresIn === "never" ? null : new Date(Date.now() + Number(input.expiresIn) * 86_400_000);
  const created = await createOwnToken(viewer, { name: input.name, expiresAt });
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
