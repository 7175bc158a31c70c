import { apiRoute, json, searchParamsOf } from "@/lib/http";
import { listAudit } from "@/lib/rbac/service";

export const GET = apiRoute(async ({ request, viewer }) => json(await listAudit(viewer, searchParamsOf(request))));
