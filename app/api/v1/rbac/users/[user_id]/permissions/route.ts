import { apiRoute, json, searchParamsOf } from "@/lib/http";
import { effectivePermissionsOf } from "@/lib/rbac/service";

export const GET = apiRoute<{ user_id: string }>(async ({ request, viewer, params }) =>
  json(await effectivePermissionsOf(viewer, params.user_id, searchParamsOf(request))),
);
