"use server";

import { z } from "zod";
import { formatDateTime } from "@/lib/format";
import { AUDIT_PATH, EXPIRING_PATH, userPath } from "@/lib/navigation";
import { EXPIRING_KINDS } from "@/lib/rbac/expiring-schemas";
import { extendExpiry } from "@/lib/rbac/service";
import { consoleAction, localExpiry, optionalText, text } from "../admin-action";

/** The extend form: +7 or +30 days on the current end, or a new end typed in the browser's zone. */
const extendForm = z
  .object({
    kind: z.enum(EXPIRING_KINDS),
    id: z.string(),
    extend: z.enum(["7", "30", "date"], { error: "Choose how long to extend" }),
    expires_local: optionalText,
    time_zone: z.string().default("UTC"),
    reason: text,
  })
  .transform(({ kind, id, extend, expires_local, time_zone, reason }, context) => {
    if (extend !== "date") return { kind, id, timeZone: time_zone, change: { add_days: Number(extend), reason } };
    if (!expires_local) {
      context.addIssue({ code: "custom", path: ["expires_at"], message: "Choose the new end" });
      return z.NEVER;
    }
    const expiresAt = localExpiry({ expires_local, time_zone }, context);
    return { kind, id, timeZone: time_zone, change: { expires_at: expiresAt ?? undefined, reason } };
  });

export const extendAction = consoleAction(extendForm, async (input, viewer) => {
  const result = await extendExpiry(viewer, input.kind, input.id, input.change);
  const what = result.kind === "grant" ? "Grant" : "Role assignment";
  return {
    message: `${what} extended until ${formatDateTime(result.expires_at, { timeZone: input.timeZone })}.`,
    revalidate: [EXPIRING_PATH, userPath(result.user_id), AUDIT_PATH],
  };
});
