import { apiRoute, json, searchParamsOf } from "@/lib/http";
import { listExpiring } from "@/lib/rbac/service";

export const GET = apiRoute(async ({ request, viewer }) => json(await listExpiring(viewer, searchParamsOf(request))));
