import { describe, expect, it } from "vitest";
import { splitRange } from "./summaries";

describe("splitting a date range into whole months and leftover days", () => {
  it("an open range is every month, with no days left over", () => {
    expect(splitRange({})).toEqual({ months: { from: undefined, to: undefined }, edges: [] });
  });

  it("a range of whole months is read from the monthly summaries alone", () => {
    expect(splitRange({ from: "2025-11-01", to: "2026-10-31" })).toEqual({
      months: { from: "2025-11-01", to: "2026-10-01" },
      edges: [],
    });
  });

  it("days before the first and after the last whole month are read from sales", () => {
    expect(splitRange({ from: "2026-03-10", to: "2026-05-20" })).toEqual({
      months: { from: "2026-04-01", to: "2026-04-01" },
      edges: [
        { from: "2026-03-10", to: "2026-03-31" },
        { from: "2026-05-01", to: "2026-05-20" },
      ],
    });
  });

  it("a range inside one month, or across two partial months, is all leftover days", () => {
    expect(splitRange({ from: "2026-02-03", to: "2026-02-27" })).toEqual({
      months: null,
      edges: [{ from: "2026-02-03", to: "2026-02-27" }],
    });
    expect(splitRange({ from: "2026-01-15", to: "2026-02-10" })).toEqual({
      months: null,
      edges: [{ from: "2026-01-15", to: "2026-02-10" }],
    });
  });

  it("February's last day closes the month, leap years included", () => {
    expect(splitRange({ to: "2028-02-29" })).toEqual({ months: { from: undefined, to: "2028-02-01" }, edges: [] });
    expect(splitRange({ to: "2027-02-28" })).toEqual({ months: { from: undefined, to: "2027-02-01" }, edges: [] });
  });

  it("an open start with a partial end month", () => {
    expect(splitRange({ to: "2026-03-10" })).toEqual({
      months: { from: undefined, to: "2026-02-01" },
      edges: [{ from: "2026-03-01", to: "2026-03-10" }],
    });
  });

  it("an inverted range selects nothing", () => {
    expect(splitRange({ from: "2026-05-20", to: "2026-05-10" })).toEqual({ months: null, edges: [] });
  });
});
