import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { authedAction } from "@/lib/actions";
import type { Viewer } from "@/lib/auth/principal";
import type { ConsoleResult } from "@/lib/rbac/console-actions";

/**
 * A server action for one console form: the viewer and form via authedAction, then fresh pages.
 * The lib/rbac function it runs checks the viewer (REQUIRE_ADMIN_MFA included).
 */
export function consoleAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, viewer: Viewer) => Promise<ConsoleResult>,
) {
  return authedAction(schema, async (input, viewer) => {
    const result = await run(input, viewer);
    for (const path of result.revalidate) revalidatePath(path, path.includes("[") ? "page" : undefined);
    if (result.redirectTo) redirect(result.redirectTo);
    return result.message;
  });
}
