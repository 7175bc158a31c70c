import { apiRoute, json } from "@/lib/http";
import { revokeGrants } from "@/lib/rbac/service";

export const DELETE = apiRoute<{ user_id: string; resource: string }>(async ({ viewer, params }) =>
  json(await revokeGrants(viewer, params.user_id, params.resource)),
);
