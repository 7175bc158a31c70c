// The OpenAPI document is public, well formed, generated from the very schemas that validate the
// requests, and describes every RBAC route handler that exists (and none that does not).
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET } from "@/app/api/v1/openapi.json/route";
import { createRoleInput, grantInput, roleView } from "@/lib/rbac/schemas";

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const API_ROOT = path.join(process.cwd(), "app", "api", "v1", "rbac");

/** Every route file under app/api/v1/rbac as an OpenAPI path template. */
function routeFiles(dir = API_ROOT): { file: string; template: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    if (entry.name !== "route.ts") return [];
    const relative = path.relative(path.join(process.cwd(), "app"), dir).split(path.sep).join("/");
    return [{ file: full, template: `/${relative}`.replace(/\[(\w+)\]/g, "{$1}") }];
  });
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, v]) => (key === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
  }
  return [];
}

async function fetchDocument(): Promise<{ response: Response; doc: OpenApiDocument }> {
  const response = GET();
  return { response, doc: (await response.clone().json()) as OpenApiDocument };
}

const withoutDialect = (schema: Record<string, unknown>) => {
  const { $schema: _schema, ...rest } = schema;
  return rest;
};

describe("the OpenAPI document", () => {
  it("is served without authentication as OpenAPI 3.1 with a bearer scheme", async () => {
    const { response, doc } = await fetchDocument();
    expect(response.status).toBe(200);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes exactly the methods each RBAC route file exports", async () => {
    const { doc } = await fetchDocument();
    const aliases = new Set(["/api/v1/rbac/roles/assign", "/api/v1/rbac/roles/revoke"]);
    for (const { file, template } of routeFiles()) {
      const route = (await import(file)) as Partial<Record<(typeof METHODS)[number], unknown>>;
      const exported = METHODS.filter((m) => typeof route[m] === "function").map((m) => m.toLowerCase());
      // /roles/assign and /roles/revoke also answer GET, PUT and DELETE for roles so named.
      const documented = Object.keys(doc.paths[template] ?? {});
      expect(aliases.has(template) ? ["post"] : exported.sort()).toEqual(documented.sort());
    }
    const documentedPaths = Object.keys(doc.paths).filter((p) => p.startsWith("/api/v1/rbac"));
    expect(documentedPaths.sort()).toEqual(
      routeFiles()
        .map((r) => r.template)
        .sort(),
    );
  });

  it("declares every path parameter, answers every operation with a 2xx, and keeps operationIds unique", async () => {
    const { doc } = await fetchDocument();
    const ids: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(operations)) {
        ids.push(operation.operationId);
        const declared = operation.parameters.filter((p) => p.in === "path");
        expect(declared.map((p) => p.name)).toEqual(names);
        expect(declared.every((p) => p.required)).toBe(true);
        expect(Object.keys(operation.responses).some((status) => status.startsWith("2"))).toBe(true);
        expect(operation.responses).toHaveProperty("401");
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every $ref", async () => {
    const { doc } = await fetchDocument();
    for (const ref of refsIn(doc)) {
      const name = ref.replace("#/components/schemas/", "");
      expect(doc.components.schemas, ref).toHaveProperty(name);
    }
  });

  it("is generated from the schemas that validate the requests and shape the answers", async () => {
    const { doc } = await fetchDocument();
    const { schemas } = doc.components;
    expect(schemas.CreateRoleRequest).toEqual(withoutDialect(z.toJSONSchema(createRoleInput, { io: "input" })));
    expect(schemas.GrantRequest).toEqual(withoutDialect(z.toJSONSchema(grantInput, { io: "input" })));
    expect(schemas.Role).toEqual(withoutDialect(z.toJSONSchema(roleView)));
    expect(schemas.CreateRoleRequest).toMatchObject({
      additionalProperties: false,
      required: ["name", "permissions"],
      properties: { name: { minLength: 2, maxLength: 64, pattern: "^[a-z][a-z0-9_-]*$" } },
    });
    const roles = doc.paths["/api/v1/rbac/roles"]!;
    expect(roles.get!.parameters).toEqual([
      { name: "include_system", in: "query", required: false, schema: expect.objectContaining({ default: "true" }) },
    ]);
    expect(roles.post!.responses).toHaveProperty("201");
    expect(roles.post!.responses).toHaveProperty("409");
    expect(doc.paths["/api/v1/rbac/roles/{role_name}"]!.delete!.responses).toHaveProperty("204");
  });
});
