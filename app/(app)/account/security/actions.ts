"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { confirmEnrolment, disableSecondFactor } from "@/lib/auth/mfa";
import { regenerateRecoveryCodes } from "@/lib/auth/mfa-recovery";
import { clientAddress } from "@/lib/auth/throttle";

const codeSchema = z.string().trim().min(1, "Enter a code").max(64, "At most 64 characters");

export const enableMfaAction = authedAction(
  z.object({ ticket: z.string().min(1).max(2000), code: codeSchema }),
  async (input, viewer) => {
    const codes = await confirmEnrolment(viewer, input);
    // No revalidation here: the form shows the recovery codes once, then links back to the page.
    return {
      message: "Two-factor sign-in is on. Save these recovery codes now: they are shown once.",
      secret: codes.join("\n"),
    };
  },
);

export const disableMfaAction = authedAction(z.object({ code: codeSchema }), async (input, viewer) => {
  await disableSecondFactor(viewer, input, clientAddress(await headers()));
  revalidatePath("/account/security");
  return "Two-factor sign-in is off.";
});

const recoveryCodesForm = z
  .object({ code: z.string().trim().max(64, "At most 64 characters"), password: z.string().max(200) })
  .refine((form) => (form.code === "") !== (form.password === ""), {
    path: ["code"],
    message: "Enter a code or your password (one of them)",
  });

export const regenerateRecoveryCodesAction = authedAction(recoveryCodesForm, async (input, viewer) => {
  const proof = input.code ? { code: input.code } : { password: input.password };
  const codes = await regenerateRecoveryCodes(viewer, proof, clientAddress(await headers()));
  return {
    message: "New recovery codes. Save them now: they are shown once, and the old ones no longer work.",
    secret: codes.join("\n"),
  };
});
