import { apiRoute, json, searchParamsOf } from "@/lib/http";
import { explainRowAccess } from "@/lib/rbac/service";

export const GET = apiRoute<{ user_id: string }>(async ({ request, viewer, params }) =>
  json(await explainRowAccess(viewer, params.user_id, searchParamsOf(request))),
);
