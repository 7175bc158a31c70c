import { describe, expect, it } from "vitest";
import {
  createSaleInput,
  filterContradictions,
  listQueryFromSearchParams,
  listQueryToSearchParams,
  saleListParams,
  toListQuery,
  updateSaleInput,
  withoutBlanks,
} from "./schemas";

const valid = {
  customer: "  Acme Corp ",
  product: "CRM Pro",
  region: "EMEA",
  amount: "1,234.5",
  closed_at: "2026-02-28",
};

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("createSaleInput", () => {
  it("trims text, defaults the status to open and stores the amount as exact two-decimal text", () => {
    expect(createSaleInput.parse(valid)).toEqual({
      customer: "Acme Corp",
      product: "CRM Pro",
      region: "EMEA",
      amount: "1234.50",
      status: "open",
      closed_at: "2026-02-28",
    });
  });

  it("takes the amount as a JSON number as well as form text", () => {
    expect(createSaleInput.parse({ ...valid, amount: 99 }).amount).toBe("99.00");
    expect(createSaleInput.parse({ ...valid, amount: 0.5 }).amount).toBe("0.50");
    expect(createSaleInput.parse({ ...valid, amount: "999999999999.99" }).amount).toBe("999999999999.99");
  });

  it.each([["-1"], ["1.234"], ["abc"], [""], ["1e5"], [-3], [1e15], [null], [true]])(
    "refuses the amount %j",
    (amount) => {
      expect(fieldsOf(createSaleInput.safeParse({ ...valid, amount }))).toEqual(["amount"]);
    },
  );

  it.each([["2026-02-30"], ["2026-2-3"], ["26-02-03"], ["0999-01-01"], ["2026-13-01"], ["tomorrow"]])(
    "refuses the closing date %j with one error",
    (closed_at) => {
      expect(fieldsOf(createSaleInput.safeParse({ ...valid, closed_at }))).toEqual(["closed_at"]);
    },
  );

  it("names every missing field in the user's words", () => {
    const result = createSaleInput.safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["customer", "Enter the customer"],
      ["product", "Enter the product"],
      ["region", "Enter the region"],
      ["amount", "Enter an amount"],
      ["closed_at", "Enter a date (YYYY-MM-DD)"],
    ]);
  });

  it("refuses an unknown status, a blank or too long text and a malformed owner", () => {
    const result = createSaleInput.safeParse({
      ...valid,
      status: "pending",
      customer: "   ",
      product: "x".repeat(101),
      region: "r".repeat(65),
      owner_id: "alice",
    });
    expect(fieldsOf(result).sort()).toEqual(["customer", "owner_id", "product", "region", "status"]);
  });

  it("refuses unknown fields, so a misspelt one is not silently ignored", () => {
    expect(fieldsOf(createSaleInput.safeParse({ ...valid, closedAt: "2026-01-01" }))).toEqual([""]);
    expect(updateSaleInput.safeParse({ ownerId: "x" }).success).toBe(false);
  });

  it("accepts the longest allowed texts", () => {
    expect(
      createSaleInput.safeParse({
        ...valid,
        customer: "c".repeat(200),
        product: "p".repeat(100),
        region: "r".repeat(64),
      }).success,
    ).toBe(true);
  });
});

describe("updateSaleInput", () => {
  it("takes any subset, and leaves the status alone unless given", () => {
    expect(updateSaleInput.parse({})).toEqual({});
    expect(updateSaleInput.parse({ amount: 5 })).toEqual({ amount: "5.00" });
    expect(updateSaleInput.parse({ status: "won" })).toEqual({ status: "won" });
  });

  it("still validates what it is given", () => {
    expect(fieldsOf(updateSaleInput.safeParse({ customer: "", status: "maybe" })).sort()).toEqual([
      "customer",
      "status",
    ]);
  });
});

describe("withoutBlanks", () => {
  it("drops empty and whitespace-only strings so an empty form field means 'not given'", () => {
    expect(withoutBlanks({ a: "", b: "  ", c: "x", d: 0 })).toEqual({ c: "x", d: 0 });
  });
});

describe("saleListParams", () => {
  it("defaults to page 1 of 50, newest closing date first", () => {
    expect(toListQuery(saleListParams.parse({}))).toEqual({
      filters: {},
      sort: { column: "closed_at", descending: true },
      page: 1,
      pageSize: 50,
    });
  });

  it("reads every filter from query-string text", () => {
    const query = toListQuery(
      saleListParams.parse({
        q: " acme ",
        region: "EMEA",
        status: "won",
        owner_id: "6f1c0a52-5c1e-4c39-8d43-0d3f1c7a9b10",
        from: "2026-01-01",
        to: "2026-03-31",
        min_amount: "100",
        max_amount: "2500.5",
        sort: "-amount",
        page: "3",
        page_size: "200",
      }),
    );
    expect(query).toEqual({
      filters: {
        search: "acme",
        region: "EMEA",
        status: "won",
        ownerId: "6f1c0a52-5c1e-4c39-8d43-0d3f1c7a9b10",
        from: "2026-01-01",
        to: "2026-03-31",
        minAmount: 100,
        maxAmount: 2500.5,
      },
      sort: { column: "amount", descending: true },
      page: 3,
      pageSize: 200,
    });
  });

  it.each([
    [{ page_size: "0" }, "page_size"],
    [{ page_size: "201" }, "page_size"],
    [{ page: "1.5" }, "page"],
    [{ page: "0" }, "page"],
    [{ sort: "password_hash" }, "sort"],
    [{ sort: "--amount" }, "sort"],
    [{ sort: "owner_id; drop table sales" }, "sort"],
    [{ status: "WON" }, "status"],
    [{ owner_id: "1" }, "owner_id"],
    [{ min_amount: "-5" }, "min_amount"],
    [{ min_amount: "lots" }, "min_amount"],
    [{ from: "2026-04-01", to: "2026-03-01" }, "to"],
    [{ min_amount: "10", max_amount: "5" }, "max_amount"],
    [{ after: "not a cursor" }, "after"],
    [{ after: "x".repeat(2049) }, "after"],
    [{ page: "2", after: "AAAA" }, "after"],
  ])("refuses %j on %s", (params, field) => {
    expect(fieldsOf(saleListParams.safeParse(params))).toEqual([field]);
  });

  it("accepts every allowlisted sort, ascending and descending", () => {
    for (const column of ["closed_at", "amount", "customer", "region", "status", "created_at", "owner"])
      for (const sort of [column, `-${column}`]) expect(saleListParams.safeParse({ sort }).success, sort).toBe(true);
  });
});

describe("the sales page's URL", () => {
  it("drops only the parameters that do not parse", () => {
    const query = listQueryFromSearchParams({
      status: "won",
      page_size: "9999",
      sort: "nope",
      page: ["2", "5"],
      extra: "x",
    });
    expect(query).toEqual({
      filters: { status: "won" },
      sort: { column: "closed_at", descending: true },
      page: 2,
      pageSize: 50,
    });
  });

  it("keeps a reversed date or amount range as written, and names the contradiction", () => {
    const dates = listQueryFromSearchParams({ from: "2026-05-01", to: "2026-01-01" }).filters;
    expect(dates).toEqual({ from: "2026-05-01", to: "2026-01-01" });
    expect(filterContradictions(dates)).toEqual([
      { pair: "dates", message: expect.stringContaining("'Closed from' is after 'Closed to'") },
    ]);
    const amounts = listQueryFromSearchParams({ min_amount: "5000", max_amount: "100" }).filters;
    expect(amounts).toEqual({ minAmount: 5000, maxAmount: 100 });
    expect(filterContradictions(amounts)).toEqual([
      { pair: "amount", message: expect.stringContaining("The minimum amount is above the maximum") },
    ]);
  });

  it("finds no contradiction in filters that can match", () => {
    expect(filterContradictions({ from: "2026-01-01", to: "2026-01-01", minAmount: 100, maxAmount: 100 })).toEqual([]);
    expect(filterContradictions({ from: "2026-05-01", maxAmount: 0 })).toEqual([]);
  });

  it("takes a cursor over a page number given with it, and writes only the cursor back", () => {
    const query = listQueryFromSearchParams({ page: "7", after: "AbC-_9", status: "won" });
    expect(query).toMatchObject({ page: 1, after: "AbC-_9", filters: { status: "won" } });
    expect(Object.fromEntries(listQueryToSearchParams(query))).toEqual({ status: "won", after: "AbC-_9" });
  });

  it("round-trips through URL parameters, leaving defaults out", () => {
    const params = { q: "acme", status: "lost", sort: "customer", page: "4", page_size: "25", min_amount: "10" };
    const query = listQueryFromSearchParams(params);
    const written = listQueryToSearchParams(query);
    expect(Object.fromEntries(written)).toEqual(params);
    expect(listQueryFromSearchParams(Object.fromEntries(written))).toEqual(query);
    expect(listQueryToSearchParams(listQueryFromSearchParams({})).toString()).toBe("");
  });
});
