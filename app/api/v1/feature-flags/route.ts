import { apiRoute, json } from "@/lib/http";
import { listFlags } from "@/lib/flags/service";

export const GET = apiRoute(async ({ viewer }) => json(await listFlags(viewer)));
