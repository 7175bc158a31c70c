import { describe, expect, it } from "vitest";
import { revenueForecast } from "./forecast";

const months = (...revenues: number[]) =>
  revenues.map((revenue, i) => ({ month: `2026-${String(i + 1).padStart(2, "0")}`, revenue, won: 1 }));

describe("the revenue forecast", () => {
  it("carries a straight trend three months on, starting from the last month shown", () => {
    const points = revenueForecast(months(100, 200, 300))!;
    expect(points.map((p) => p.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(points.slice(3).map((p) => p.projected)).toEqual([400, 500, 600]);
    expect(points.slice(3).every((p) => p.actual === null)).toBe(true);
    expect(points[2]).toEqual({ month: "2026-03", actual: 300, projected: 300 });
    expect(points[0]?.projected).toBeNull();
  });

  it("fits the least-squares line through noisy months", () => {
    const points = revenueForecast(months(10, 30, 20, 40))!;
    // slope 8, intercept 13: x = 4, 5, 6
    expect(points.slice(4).map((p) => p.projected)).toEqual([45, 53, 61]);
  });

  it("never projects revenue below zero", () => {
    const points = revenueForecast(months(300, 100))!;
    expect(points.slice(2).map((p) => p.projected)).toEqual([0, 0, 0]);
  });

  it("crosses the year's end", () => {
    const points = revenueForecast([
      { month: "2026-10", revenue: 1, won: 1 },
      { month: "2026-11", revenue: 2, won: 1 },
    ])!;
    expect(points.slice(2).map((p) => p.month)).toEqual(["2026-12", "2027-01", "2027-02"]);
  });

  it("draws nothing through fewer than two months", () => {
    expect(revenueForecast(months(500))).toBeNull();
    expect(revenueForecast([])).toBeNull();
  });
});
