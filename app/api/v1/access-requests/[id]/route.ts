import { apiRoute, json } from "@/lib/http";
import { getAccessRequest } from "@/lib/rbac/service";

export const GET = apiRoute<{ id: string }>(async ({ viewer, params }) =>
  json(await getAccessRequest(viewer, params.id)),
);
