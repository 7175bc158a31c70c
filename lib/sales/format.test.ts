import { describe, expect, it } from "vitest";
import { describeDeleters, formatCompactMoney, formatMoney, formatPercent } from "./format";

describe("sales formatting", () => {
  it("shows money in dollars, compact on axes", () => {
    expect(formatMoney(1234.5)).toBe("$1,234.50");
    expect(formatCompactMoney(1_250_000)).toBe("$1.3M");
    expect(formatCompactMoney(0)).toBe("$0");
  });

  it("shows ratios as percentages, and a missing one as a dash", () => {
    expect(formatPercent(0.6875)).toBe("68.8%");
    expect(formatPercent(null)).toBe("—");
  });

  it("says who may delete a deal, from the roles that hold sale: delete", () => {
    expect(describeDeleters([{ role: "admin", baseRole: true, scope: "all" }])).toBe(
      "Only an admin can delete this deal.",
    );
    expect(
      describeDeleters([
        { role: "admin", baseRole: true, scope: "all" },
        { role: "sales-lead", baseRole: false, scope: "team" },
        { role: "closer", baseRole: false, scope: "own" },
      ]),
    ).toBe(
      "Only an admin, someone with the role sales-lead in its owner's team or its owner with the role closer can delete this deal.",
    );
    expect(describeDeleters([])).toBe("Only a superuser can delete this deal.");
  });
});
