"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions";
import { FLAGS_PATH, updateFlagForm, updateFlagFromForm } from "@/lib/flags/form";

export const updateFlagAction = authedAction(updateFlagForm, async (input, viewer) => {
  const message = await updateFlagFromForm(input, viewer);
  // The pages a flag changes render per request and read flags afresh; this list must too.
  revalidatePath(FLAGS_PATH);
  return message;
});
