"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { audienceWords } from "@/lib/flags/schemas";
import { updateFlag } from "@/lib/flags/service";

/** The whole state the page asks for: key, enabled ("true"/"false") and every ticked base role. */
const updateFlagForm = z
  .object({
    key: z.string(),
    enabled: z.enum(["true", "false"], { error: "Must be on or off" }),
    base_roles: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .transform((fields) => ({
    key: fields.key,
    change: { enabled: fields.enabled === "true", base_roles: [fields.base_roles ?? []].flat() },
  }));

/** updateFlag authorizes, validates and audits. */
export const updateFlagAction = authedAction(updateFlagForm, async (input, viewer) => {
  const flag = await updateFlag(viewer, input.key, input.change);
  // The pages a flag changes render per request and read flags afresh; this list must too.
  revalidatePath("/flags");
  return flag.enabled ? `${flag.name} is on for ${audienceWords(flag.base_roles)}.` : `${flag.name} is off.`;
});
