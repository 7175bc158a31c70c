import { apiRoute, json, searchParamsOf } from "@/lib/http";
import { effectivePermissionsQuery } from "@/lib/rbac/schemas";
import { effectivePermissionsOf } from "@/lib/rbac/service";
import { parseInput } from "@/lib/validation";

export const GET = apiRoute<{ user_id: string }>(async ({ request, viewer, params }) => {
  const { explain } = parseInput(effectivePermissionsQuery, searchParamsOf(request), "Invalid query");
  return json(await effectivePermissionsOf(viewer, params.user_id, { explain }));
});
