import { describe, expect, it } from "vitest";
import { describeRange, formatDateTime, formatDay, formatMonth, formatShortMonth, formatTimeLeft } from "./format";

const MOMENT = "2026-07-04T18:05:00Z";

describe("one format for dates and times", () => {
  it("shows a moment in UTC, named, when the viewer is unknown", () => {
    expect(formatDateTime(MOMENT)).toBe("Jul 4, 2026, 6:05 PM UTC");
  });

  it("shows a moment in the viewer's zone, named, and in their locale", () => {
    expect(formatDateTime(MOMENT, { timeZone: "America/New_York" })).toBe("Jul 4, 2026, 2:05 PM EDT");
    expect(formatDateTime(MOMENT, { locale: "en-GB", timeZone: "Europe/London" })).toBe("4 Jul 2026, 19:05 BST");
    expect(formatDateTime(MOMENT, { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe("04.07.2026, 20:05 MESZ");
  });

  it("names the zone as it is at that moment (summer and winter time)", () => {
    expect(formatDateTime("2026-01-15T12:00:00Z", { timeZone: "America/New_York" })).toMatch(/EST$/);
  });

  it("falls back to UTC for a zone it does not know, rather than failing", () => {
    expect(formatDateTime(MOMENT, { timeZone: "Mars/Olympus" })).toMatch(/UTC$/);
  });

  it("shows nothing known as a dash", () => {
    expect(formatDateTime(null)).toBe("—");
  });

  it("keeps a calendar date the same day in every zone and writes it in the locale", () => {
    expect(formatDay("2026-03-01")).toBe("Mar 1, 2026");
    expect(formatDay("2026-03-01", { locale: "en-GB", timeZone: "Pacific/Honolulu" })).toBe("1 Mar 2026");
  });

  it("names months, in the locale", () => {
    expect(formatMonth("2026-01")).toBe("January 2026");
    expect(formatShortMonth("2025-12")).toBe("Dec 25");
    expect(formatMonth("2026-01", { locale: "fr-FR" })).toBe("janvier 2026");
  });

  it("describes a range of days", () => {
    expect(describeRange({ from: "2025-11-01", to: "2026-10-31" })).toBe("Nov 1, 2025 – Oct 31, 2026");
    expect(describeRange({})).toBe("All time");
  });

  it("says how long is left in the largest whole unit", () => {
    const now = new Date(MOMENT);
    const later = (ms: number) => new Date(now.getTime() + ms);
    expect(formatTimeLeft(later(30_000), now)).toBe("in under a minute");
    expect(formatTimeLeft(later(60_000), now)).toBe("in 1 minute");
    expect(formatTimeLeft(later(5 * 3_600_000 + 59 * 60_000), now)).toBe("in 5 hours");
    expect(formatTimeLeft(later(6.5 * 86_400_000), now)).toBe("in 6 days");
  });
});
