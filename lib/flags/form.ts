// What the /flags page's form does once the server action knows the viewer: shape the fields and
// call updateFlag, which authorizes, validates and audits. Tests call these directly.
import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/principal";
import { audienceWords } from "./schemas";
import { updateFlag } from "./service";

export const FLAGS_PATH = "/flags";

/** The whole state the page asks for: key, enabled ("true"/"false") and every ticked base role. */
export const updateFlagForm = z
  .object({
    key: z.string(),
    enabled: z.enum(["true", "false"], { error: "Must be on or off" }),
    base_roles: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .transform((fields) => ({
    key: fields.key,
    change: { enabled: fields.enabled === "true", base_roles: [fields.base_roles ?? []].flat() },
  }));

export async function updateFlagFromForm(input: z.infer<typeof updateFlagForm>, viewer: Viewer): Promise<string> {
  const flag = await updateFlag(viewer, input.key, input.change);
  return flag.enabled ? `${flag.name} is on for ${audienceWords(flag.base_roles)}.` : `${flag.name} is off.`;
}
