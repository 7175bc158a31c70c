import { z } from "zod";
import type { NextRequest } from "next/server";
import { apiRoute, json, readJson } from "@/lib/http";
import { assignRole } from "@/lib/rbac/service";
import * as role from "../[role_name]/route";

export const POST = apiRoute(async ({ request, viewer }) => {
  const body = await readJson(request, z.unknown());
  return json(await assignRole(viewer, body));
});

// "assign" is a valid role name, and this static segment shadows /roles/{role_name} for it.
const params = Promise.resolve({ role_name: "assign" });
export const GET = (request: NextRequest) => role.GET(request, { params });
export const PUT = (request: NextRequest) => role.PUT(request, { params });
export const DELETE = (request: NextRequest) => role.DELETE(request, { params });
