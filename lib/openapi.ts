// The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. Each
// module (rbac, sales, …) describes its operations as an ApiModule; add a module to API_MODULES.
import { z } from "zod";
import { flagsApi } from "@/lib/flags/openapi";
import { accessRequestsApi } from "@/lib/rbac/access-request-openapi";
import { rbacApi } from "@/lib/rbac/openapi";
import { salesApi } from "@/lib/sales/openapi";

type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
type JsonSchema = Record<string, unknown>;

export interface ApiOperation {
  method: HttpMethod;
  /** An OpenAPI path template, e.g. /api/v1/rbac/roles/{role_name}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** No bearer token needed. */
  public?: boolean;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and its body (none for 204). */
  success: { status: number; description: string; schema?: z.ZodType };
  /** Error statuses beyond those added for every operation (401, 503), a body (413, 422) or a query (422). */
  errors?: number[];
}

export interface ApiModule {
  tag: { name: string; description: string };
  /** Schemas published under #/components/schemas by name; other schemas are inlined. */
  components: Record<string, z.ZodType>;
  operations: ApiOperation[];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad request: the resource refuses this change",
  401: "No, malformed, expired or revoked bearer token",
  403: "Authenticated, but not allowed",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Request body larger than 64 KiB",
  422: "Invalid input: malformed JSON, wrong types, unknown fields, failed rules or a non-UUID path parameter",
  503: "Database unreachable; retry after the Retry-After delay",
};

const errorBody = z.object({
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

/** Converts each named schema once, in input mode for bodies and output mode for answers. */
function componentsOf(modules: ApiModule[]) {
  const names = new Map<z.ZodType, string>([[errorBody, "Error"]]);
  for (const apiModule of modules) {
    for (const [name, schema] of Object.entries(apiModule.components)) names.set(schema, name);
  }
  const operations = modules.flatMap((m) => m.operations);
  const convert = (io: "input" | "output", used: z.ZodType[]) => {
    const registry = z.registry<{ id: string }>();
    for (const schema of new Set(used)) {
      const id = names.get(schema);
      if (id) registry.add(schema, { id });
    }
    const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: "any", uri: (id) => ref(id).$ref });
    return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, withoutDialect(s as JsonSchema)]));
  };
  const inputs = convert(
    "input",
    operations.flatMap((op) => (op.body ? [op.body] : [])),
  );
  const outputs = convert("output", [
    errorBody,
    ...operations.flatMap((op) => (op.success.schema ? [op.success.schema] : [])),
  ]);
  const clash = Object.keys(inputs).find((id) => id in outputs);
  if (clash) throw new Error(`OpenAPI component ${clash} is used both as a request and as a response`);
  const schemaOf = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const id = names.get(schema);
    return id ? ref(id) : withoutDialect(z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema);
  };
  return { schemas: { ...inputs, ...outputs }, schemaOf };
}

function parametersOf(where: "path" | "query", schema: z.ZodObject | undefined) {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function buildOpenApiDocument(modules: ApiModule[]) {
  const { schemas, schemaOf } = componentsOf(modules);
  const errorResponse = (status: number) => ({
    description: ERROR_DESCRIPTIONS[status] ?? "Error",
    content: { "application/json": { schema: ref("Error") } },
  });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const apiModule of modules) {
    for (const op of apiModule.operations) {
      const statuses = new Set([
        ...(op.public ? [] : [401, 503]),
        ...(op.body ? [413, 422] : []),
        ...(op.query ? [422] : []),
        ...(op.errors ?? []),
      ]);
      const responses: Record<string, unknown> = {
        [op.success.status]: {
          description: op.success.description,
          ...(op.success.schema
            ? { content: { "application/json": { schema: schemaOf(op.success.schema, "output") } } }
            : {}),
        },
      };
      for (const status of [...statuses].sort((a, b) => a - b)) responses[status] = errorResponse(status);
      paths[op.path] ??= {};
      paths[op.path]![op.method] = {
        operationId: op.operationId,
        summary: op.summary,
        ...(op.description ? { description: op.description } : {}),
        tags: [apiModule.tag.name],
        ...(op.public ? { security: [] } : {}),
        parameters: [...parametersOf("path", op.pathParams), ...parametersOf("query", op.query)],
        ...(op.body
          ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } } }
          : {}),
        responses,
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sales dashboard API",
      version: "1.0.0",
      description:
        "Every endpoint except this document needs `Authorization: Bearer <token>`. Errors are JSON " +
        '`{"detail": "...", "errors": [{"field", "message"}]}`. A path parameter that must be a UUID and is not ' +
        "answers 422; an unknown role name or user answers 404.",
    },
    tags: modules.map((m) => m.tag),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token" } },
    },
  };
}

/** Every module's operations; another module joins the document with one line here. */
export const API_MODULES: ApiModule[] = [rbacApi, accessRequestsApi, salesApi, flagsApi];

export function apiDocument() {
  return buildOpenApiDocument(API_MODULES);
}
