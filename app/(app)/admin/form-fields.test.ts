import { describe, expect, it } from "vitest";
import { permissionField, permissionsFromForm, scopeField, zonedTimeToUtc } from "./form-fields";

const iso = (local: string, zone: string) => zonedTimeToUtc(local, zone)?.toISOString() ?? null;

describe("an expiry typed as local time in a time zone", () => {
  it("is read as UTC when the zone is UTC", () => {
    expect(iso("2026-04-01T09:30", "UTC")).toBe("2026-04-01T09:30:00.000Z");
  });

  it("is read with the zone's winter offset", () => {
    expect(iso("2026-01-15T09:30", "Europe/Paris")).toBe("2026-01-15T08:30:00.000Z");
    expect(iso("2026-01-15T09:30", "America/New_York")).toBe("2026-01-15T14:30:00.000Z");
  });

  it("is read with the zone's summer offset", () => {
    expect(iso("2026-07-15T09:30", "Europe/Paris")).toBe("2026-07-15T07:30:00.000Z");
    expect(iso("2026-07-15T09:30", "America/New_York")).toBe("2026-07-15T13:30:00.000Z");
  });

  it("is refused when a field is out of range, seconds included", () => {
    expect(iso("2031-01-01T10:00:99", "UTC")).toBeNull();
    expect(iso("2031-01-01T10:60", "UTC")).toBeNull();
    expect(iso("2031-02-30T10:00", "UTC")).toBeNull();
    expect(iso("2031-01-01T10:00:59", "UTC")).toBe("2031-01-01T10:00:59.000Z");
  });

  it("keeps half-hour and date-line offsets", () => {
    expect(iso("2026-03-01T00:00", "Asia/Kolkata")).toBe("2026-02-28T18:30:00.000Z");
    expect(iso("2026-03-01T00:15", "Pacific/Auckland")).toBe("2026-02-28T11:15:00.000Z");
  });

  it("is right on the day the clocks change, on either side of the switch", () => {
    // Europe/Paris moves from +01:00 to +02:00 at 02:00 local on 29 March 2026.
    expect(iso("2026-03-29T01:30", "Europe/Paris")).toBe("2026-03-29T00:30:00.000Z");
    expect(iso("2026-03-29T03:30", "Europe/Paris")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("accepts seconds", () => {
    expect(iso("2026-04-01T09:30:15", "UTC")).toBe("2026-04-01T09:30:15.000Z");
  });

  it("is refused when the time or the zone is not one", () => {
    expect(iso("2026-02-30T09:30", "UTC")).toBeNull();
    expect(iso("2026-04-01 09:30", "UTC")).toBeNull();
    expect(iso("2026-04-01T25:00", "UTC")).toBeNull();
    expect(iso("", "UTC")).toBeNull();
    expect(iso("2026-04-01T09:30", "Mars/Olympus_Mons")).toBeNull();
  });
});

describe("the permission matrix of the role form", () => {
  it("turns checked boxes into entries in catalog order, with the scope of row-scoped resources", () => {
    const fields = {
      name: "read-only-experiments",
      [permissionField("report", "list")]: "on",
      [permissionField("experiment", "list")]: "on",
      [permissionField("experiment", "read")]: "on",
      [permissionField("sale", "read")]: "on",
      [scopeField("sale")]: "team",
      [scopeField("experiment")]: "all",
    };
    expect(permissionsFromForm(fields)).toEqual([
      { resource: "experiment", actions: ["read", "list"] },
      { resource: "report", actions: ["list"] },
      { resource: "sale", actions: ["read"], scope: "team" },
    ]);
  });

  it("leaves out resources without a checked action and an empty scope", () => {
    expect(permissionsFromForm({ [scopeField("sale")]: "all" })).toEqual([]);
    expect(permissionsFromForm({ [permissionField("sale", "list")]: "on", [scopeField("sale")]: "" })).toEqual([
      { resource: "sale", actions: ["list"] },
    ]);
  });
});
