import { describe, expect, it } from "vitest";
import { isReversed, presetQuery, presetRange, rangeFromSearchParams } from "./ranges";

const today = "2026-11-23";

describe("the overview's date range", () => {
  it("defaults to the twelve whole months ending with today's month", () => {
    expect(rangeFromSearchParams({}, today)).toEqual({ preset: "12m", from: "2025-12-01", to: "2026-11-30" });
    expect(presetRange("12m", "2026-12-01")).toEqual({ preset: "12m", from: "2026-01-01", to: "2026-12-31" });
    expect(presetRange("12m", "2026-03-31")).toEqual({ preset: "12m", from: "2025-04-01", to: "2026-03-31" });
    expect(presetRange("12m", "2024-02-29")).toEqual({ preset: "12m", from: "2023-03-01", to: "2024-02-29" });
  });

  it("is the same window for every viewer: it depends on today alone", () => {
    // On 1 December 2026 the window is 2026, whatever anyone's latest deal was.
    expect(rangeFromSearchParams({ range: "12m" }, "2026-12-01")).toEqual({
      preset: "12m",
      from: "2026-01-01",
      to: "2026-12-31",
    });
    expect(presetRange("12m", "2027-01-15")).toMatchObject({ from: "2026-02-01", to: "2027-01-31" });
  });

  it("has calendar presets relative to today, and all time without bounds", () => {
    expect(rangeFromSearchParams({ range: "this-year" }, today)).toEqual({
      preset: "this-year",
      from: "2026-01-01",
      to: "2026-12-31",
    });
    expect(rangeFromSearchParams({ range: "last-year" }, today)).toMatchObject({
      from: "2025-01-01",
      to: "2025-12-31",
    });
    expect(rangeFromSearchParams({ range: "all" }, today)).toEqual({ preset: "all" });
  });

  it("takes explicit dates over a preset, one end alone included", () => {
    expect(rangeFromSearchParams({ from: "2026-01-01", to: "2026-02-01", range: "all" }, today)).toEqual({
      preset: "custom",
      from: "2026-01-01",
      to: "2026-02-01",
    });
    expect(rangeFromSearchParams({ from: "2026-01-01" }, today)).toEqual({
      preset: "custom",
      from: "2026-01-01",
    });
  });

  it("ignores unreadable dates and unknown presets", () => {
    for (const params of [{ from: "2026-02-30" }, { to: "soon" }, { range: "forever" }])
      expect(rangeFromSearchParams(params, today).preset).toBe("12m");
  });

  it("keeps a reversed range as written and knows it is reversed", () => {
    const range = rangeFromSearchParams({ from: "2026-05-01", to: "2026-01-01" }, today);
    expect(range).toEqual({ preset: "custom", from: "2026-05-01", to: "2026-01-01" });
    expect(isReversed(range)).toBe(true);
    expect(isReversed({ preset: "custom", from: "2026-01-01", to: "2026-01-01" })).toBe(false);
    expect(isReversed({ preset: "custom", from: "2026-05-01" })).toBe(false);
  });

  it("links the default preset without a query", () => {
    expect(presetQuery("12m")).toBe("");
    expect(presetQuery("all")).toBe("?range=all");
  });
});
