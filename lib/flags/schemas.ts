// Every feature-flag input and answer as one zod schema, shared by the REST routes, the /flags
// page's server action and the OpenAPI document.
import { z } from "zod";
import { BASE_ROLES, type BaseRole } from "@/lib/rbac/catalog";

/** Any text: a key that names no flag is a 404, like an unknown role name. */
export const flagKeyParam = z.strictObject({ key: z.string().max(200) });

const baseRoleSchema = z.enum(BASE_ROLES, { error: `Choose base roles from: ${BASE_ROLES.join(", ")}` });

/** Base roles once each, in the catalog's order, so equal limits compare equal. */
const baseRoleList = z
  .array(baseRoleSchema)
  .max(BASE_ROLES.length * 4, "Too many base roles")
  .transform((roles) => BASE_ROLES.filter((role) => roles.includes(role)));

export const updateFlagInput = z
  .strictObject({
    enabled: z.boolean({ error: "Must be true or false" }).optional(),
    base_roles: baseRoleList
      .optional()
      .meta({ description: "The base roles the flag is limited to; an empty list means every base role" }),
    reason: z.string().max(1000, "At most 1000 characters").nullish(),
  })
  .refine((input) => input.enabled !== undefined || input.base_roles !== undefined, {
    error: "Give enabled, base_roles or both",
    path: ["enabled"],
  });

export const flagView = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  base_roles: z.array(z.enum(BASE_ROLES)).meta({ description: "Empty: every base role" }),
  updated_at: z.iso.datetime({ offset: true }),
  updated_by: z.string().nullable().meta({ description: "Username of who changed it last; null if nobody has" }),
});

export const flagList = z.array(flagView);

export type UpdateFlagInput = z.input<typeof updateFlagInput>;
export type FlagView = z.infer<typeof flagView>;

/** Whether a flag in this state is on for a base role. */
export function flagOnFor(flag: { enabled: boolean; base_roles: readonly BaseRole[] }, role: BaseRole): boolean {
  return flag.enabled && (flag.base_roles.length === 0 || flag.base_roles.includes(role));
}

/** "analysts and viewers"; an empty limit is everyone. */
export function audienceWords(roles: readonly string[]): string {
  if (roles.length === 0) return "everyone";
  const names = roles.map((role) => `${role}s`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
