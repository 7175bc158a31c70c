import { describe, expect, it } from "vitest";
import { columnsFromParam, columnsToParam, isColumnShown, saleColumnsParam } from "./columns";
import { listQueryFromSearchParams, listQueryToSearchParams, saleViewParams, toListQuery } from "./schemas";

describe("the sales list's cols parameter", () => {
  it("absent shows every column", () => {
    expect(columnsFromParam(undefined)).toBeUndefined();
    expect(listQueryFromSearchParams({}).columns).toBeUndefined();
    expect(isColumnShown(undefined, "region")).toBe(true);
  });

  it("reads names in any order and writes them in the table's order, the customer implied", () => {
    expect(columnsFromParam("amount, product,region,product")).toEqual(["customer", "product", "region", "amount"]);
    expect(columnsToParam(["amount", "customer", "region", "product"])).toBe("product,region,amount");
  });

  it("naming every column is the same as naming none: no parameter", () => {
    const all = "customer,product,region,owner,status,closed_at,amount";
    expect(columnsFromParam(all)).toBeUndefined();
    expect(columnsToParam(columnsFromParam("product,region,owner,status,closed_at,amount"))).toBeUndefined();
  });

  it("the customer alone is spelled out, so hiding every other column is not read as showing all", () => {
    expect(columnsToParam(["customer"])).toBe("customer");
    expect(columnsFromParam("customer")).toEqual(["customer"]);
    expect(isColumnShown(["customer"], "amount")).toBe(false);
    expect(isColumnShown(["amount"], "customer")).toBe(true);
  });

  it("on the page, unknown names are left out and the known ones kept", () => {
    expect(listQueryFromSearchParams({ cols: "region,password,amount" }).columns).toEqual([
      "customer",
      "region",
      "amount",
    ]);
    expect(listQueryFromSearchParams({ cols: "password" }).columns).toBeUndefined();
    expect(listQueryFromSearchParams({ cols: ["region", "amount"] }).columns).toEqual(["customer", "region", "amount"]);
  });

  it("on the page, a bad column list leaves the other parameters alone, and they survive a round trip", () => {
    const query = listQueryFromSearchParams({ status: "won", sort: "-amount", cols: "amount,nope,status" });
    expect(query.filters.status).toBe("won");
    expect(Object.fromEntries(listQueryToSearchParams(query))).toEqual({
      status: "won",
      sort: "-amount",
      cols: "status,amount",
    });
  });

  it("in the API, an unknown name is refused, naming it", () => {
    const result = saleColumnsParam.safeParse("region,password");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Unknown column password/);
    expect(saleColumnsParam.parse("region")).toEqual(["customer", "region"]);
  });

  it("a view's parameters carry the columns into the list query, which the API's list ignores", () => {
    const view = saleViewParams.safeParse({ cols: "product,nope" });
    expect(view.error?.issues.map((issue) => issue.path.join("."))).toEqual(["cols"]);
    expect(toListQuery(saleViewParams.parse({ cols: "region" })).columns).toEqual(["customer", "region"]);
  });
});
