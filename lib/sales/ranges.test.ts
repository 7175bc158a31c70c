import { describe, expect, it } from "vitest";
import { presetQuery, presetRange, rangeFromSearchParams } from "./ranges";

const anchor = "2026-10-17";
const today = "2026-11-23";

describe("the overview's date range", () => {
  it("defaults to the twelve whole months ending with the latest deal's month", () => {
    expect(rangeFromSearchParams({}, anchor, today)).toEqual({ preset: "12m", from: "2025-11-01", to: "2026-10-31" });
    expect(presetRange("12m", "2026-03-01", today)).toEqual({ preset: "12m", from: "2025-04-01", to: "2026-03-31" });
    expect(presetRange("12m", "2024-02-29", today)).toEqual({ preset: "12m", from: "2023-03-01", to: "2024-02-29" });
  });

  it("has calendar presets relative to today, and all time without bounds", () => {
    expect(rangeFromSearchParams({ range: "this-year" }, anchor, today)).toEqual({
      preset: "this-year",
      from: "2026-01-01",
      to: "2026-12-31",
    });
    expect(rangeFromSearchParams({ range: "last-year" }, anchor, today)).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
    });
    expect(rangeFromSearchParams({ range: "all" }, anchor, today)).toEqual({ preset: "all" });
  });

  it("takes explicit dates over a preset, one end alone included", () => {
    expect(rangeFromSearchParams({ from: "2026-01-01", to: "2026-02-01", range: "all" }, anchor, today)).toEqual({
      preset: "custom",
      from: "2026-01-01",
      to: "2026-02-01",
    });
    expect(rangeFromSearchParams({ from: "2026-01-01" }, anchor, today)).toEqual({
      preset: "custom",
      from: "2026-01-01",
    });
  });

  it("ignores unreadable or reversed dates and unknown presets", () => {
    for (const params of [{ from: "2026-02-30" }, { from: "2026-05-01", to: "2026-01-01" }, { range: "forever" }])
      expect(rangeFromSearchParams(params, anchor, today).preset).toBe("12m");
  });

  it("links the default preset without a query", () => {
    expect(presetQuery("12m")).toBe("");
    expect(presetQuery("all")).toBe("?range=all");
  });
});
