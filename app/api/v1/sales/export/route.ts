import { apiRoute, searchParamsOf } from "@/lib/http";
import { csvResponse, exportFilters } from "@/lib/sales/export";

export const GET = apiRoute(async ({ request, viewer }) =>
  csvResponse(viewer, exportFilters(viewer, searchParamsOf(request))),
);
