import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi";
import { salesApi } from "./openapi";

describe("the sales part of the OpenAPI document", () => {
  const document = buildOpenApiDocument([salesApi]);

  it("describes every sales path and method the routes serve", () => {
    expect(
      Object.fromEntries(Object.entries(document.paths).map(([path, ops]) => [path, Object.keys(ops).sort()])),
    ).toEqual({
      "/api/v1/sales": ["get", "post"],
      "/api/v1/sales/export": ["get"],
      "/api/v1/sales/{id}": ["delete", "get", "patch"],
    });
  });

  it("lists the query parameters and publishes the sale schemas", () => {
    const list = document.paths["/api/v1/sales"]?.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name).sort()).toEqual(
      [
        "after",
        "from",
        "max_amount",
        "min_amount",
        "owner_id",
        "page",
        "page_size",
        "q",
        "region",
        "sort",
        "status",
        "to",
      ].sort(),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Sale", "SalePage", "SaleInput", "SaleChange"]),
    );
  });
});
