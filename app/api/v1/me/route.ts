import { describeViewer } from "@/lib/auth/me";
import { apiRoute, json } from "@/lib/http";

export const GET = apiRoute(async ({ viewer }) => json(describeViewer(viewer)));
