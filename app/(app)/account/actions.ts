"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { changeOwnPassword, endOtherSessions, endOwnSession } from "@/lib/auth/sessions";
import { clientAddress } from "@/lib/auth/throttle";
import { currentSessionId } from "@/lib/auth/viewer";
import { uuidSchema } from "@/lib/validation";

export const endSessionAction = authedAction(z.object({ id: uuidSchema }), async (input, viewer) => {
  await endOwnSession(viewer, input.id);
  // Ending this very session signs out here too.
  if (input.id === (await currentSessionId())) redirect("/login");
  revalidatePath("/account");
  return "Session ended. That device is signed out on its next request.";
});

export const endOtherSessionsAction = authedAction(z.object({}), async (_input, viewer) => {
  const ended = await endOtherSessions(viewer, await currentSessionId());
  revalidatePath("/account");
  return ended === 0
    ? "There were no other sessions."
    : `Ended ${ended} other session${ended === 1 ? "" : "s"}. Only this one is still signed in.`;
});

const passwordForm = z
  .object({
    current: z.string().min(1, "Enter your current password"),
    next: z.string().min(1, "Choose a new password"),
    confirm: z.string(),
  })
  .refine((form) => form.next === form.confirm, { path: ["confirm"], message: "The two new passwords differ" });

export const changePasswordAction = authedAction(passwordForm, async (input, viewer) => {
  const ended = await changeOwnPassword(viewer, input, await currentSessionId(), clientAddress(await headers()));
  revalidatePath("/account");
  return ended === 0
    ? "Password changed."
    : `Password changed. ${ended} other session${ended === 1 ? " was" : "s were"} signed out.`;
});
