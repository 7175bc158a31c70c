import { describe, expect, it } from "vitest";
import { filterChips } from "./filter-chips";
import { listQueryFromSearchParams } from "./schemas";

const OWNER = "7b0c3c1e-2f4e-4d8e-9a51-1f2a3b4c5d6e";
const names = new Map([[OWNER, "Alice Archer"]]);

describe("filterChips", () => {
  it("gives no chip when nothing is filtered, whatever the sort or page", () => {
    expect(filterChips("/sales", listQueryFromSearchParams({ sort: "amount", page: "3" }), names)).toEqual([]);
  });

  it("names each filter in words, in the panel's order", () => {
    const query = listQueryFromSearchParams({
      max_amount: "900",
      status: "won",
      q: "acme",
      owner_id: OWNER,
      from: "2026-01-05",
    });
    expect(filterChips("/sales", query, names).map((chip) => `${chip.label}: ${chip.value}`)).toEqual([
      "Customer: “acme”",
      "Status: Won",
      "Owner: Alice Archer",
      "Closed from: Jan 5, 2026",
      "At most: $900.00",
    ]);
  });

  it("removes only its own filter, keeps the sort and page size, and goes back to page 1", () => {
    const query = listQueryFromSearchParams({
      status: "won",
      region: "EMEA",
      sort: "amount",
      page_size: "25",
      page: "4",
    });
    const status = filterChips("/sales", query, names).find((chip) => chip.filter === "status")!;
    const params = new URL(status.removeHref, "http://x").searchParams;
    expect(Object.fromEntries(params)).toEqual({ region: "EMEA", sort: "amount", page_size: "25" });
  });

  it("keeps a zero minimum as a filter", () => {
    const chips = filterChips("/sales", listQueryFromSearchParams({ min_amount: "0" }), names);
    expect(chips.map((chip) => chip.value)).toEqual(["$0.00"]);
  });

  it("does not leak an owner id it cannot name", () => {
    const chips = filterChips("/sales", listQueryFromSearchParams({ owner_id: OWNER }), new Map());
    expect(chips[0]!.value).not.toContain(OWNER);
  });
});
