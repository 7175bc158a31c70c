import { describe, expect, it } from "vitest";
import { BASE_ROLE_PERMISSIONS } from "@/lib/rbac/catalog";
import { resolvePermissions } from "@/lib/rbac/resolve";
import { navigationFor, pageRequirement, safeReturnPath, signInPath } from "./navigation";

const labelsFor = (baseRole: "admin" | "viewer" | "analyst" | "developer", extra = {}) =>
  navigationFor(
    resolvePermissions({ baseRole, isSuperuser: false, customRoles: [], grants: [], ...extra }, new Date()),
  ).map((item) => item.label);

describe("navigationFor", () => {
  it("shows an admin every page", () => {
    expect(labelsFor("admin")).toEqual([
      "Overview",
      "Sales",
      "Reports",
      "Feature flags",
      "Roles",
      "Users",
      "Expiring soon",
      "Audit log",
      "Access requests",
      "Sessions and password",
      "API tokens",
      "Your requests",
    ]);
  });

  it("shows a plain viewer neither sales nor the access pages, only the flags they may read", () => {
    expect(labelsFor("viewer")).toEqual([
      "Overview",
      "Reports",
      "Feature flags",
      "Sessions and password",
      "API tokens",
      "Your requests",
    ]);
  });

  it("shows an analyst sales and the roles catalogue, but not users or audit", () => {
    expect(labelsFor("analyst")).toEqual([
      "Overview",
      "Sales",
      "Reports",
      "Feature flags",
      "Roles",
      "Expiring soon",
      "Sessions and password",
      "API tokens",
      "Your requests",
    ]);
  });

  it("shows the flags page only to holders of feature_flag:list", () => {
    expect(labelsFor("developer")).toContain("Feature flags");
    const noFlags = { can: (resource: string) => resource !== "feature_flag" };
    expect(navigationFor(noFlags).map((item) => item.label)).not.toContain("Feature flags");
  });

  it("shows a sales rep the sales page", () => {
    const rep = { customRoles: [{ name: "sales-rep", permissions: [{ resource: "sale", actions: ["list"] }] }] };
    expect(labelsFor("viewer", rep)).toContain("Sales");
    expect(BASE_ROLE_PERMISSIONS.viewer.some((p) => p.resource === "sale")).toBe(false);
  });
});

describe("the way back after sign-in", () => {
  it("keeps a page's path and query, and drops the pointless ones", () => {
    expect(signInPath("/sales?status=won&page=2")).toBe("/login?callbackUrl=%2Fsales%3Fstatus%3Dwon%26page%3D2");
    expect(signInPath("/")).toBe("/login");
    expect(signInPath(null)).toBe("/login");
    expect(signInPath("/login?callbackUrl=%2F")).toBe("/login");
  });

  it("never leads off the site", () => {
    for (const path of ["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]) {
      expect(safeReturnPath(path)).toBe("/");
      expect(signInPath(path)).toBe("/login");
    }
    expect(safeReturnPath(42)).toBe("/");
    expect(safeReturnPath("/admin/users?q=vera")).toBe("/admin/users?q=vera");
  });
});

describe("pageRequirement", () => {
  it("names the permission each page demands, queries and trailing slashes aside", () => {
    expect(pageRequirement("/sales?status=won")).toEqual({ permission: ["sale", "list"] });
    expect(pageRequirement("/sales/export?from=2026-01-01")).toEqual({ permission: ["export", "read"] });
    expect(pageRequirement("/sales/export/denied")).toEqual({ permission: ["export", "read"] });
    expect(pageRequirement("/sales/new")).toEqual({ permission: ["sale", "create"] });
    expect(pageRequirement("/sales/5b3c0a4e-0000-4000-8000-000000000000")).toEqual({ permission: ["sale", "read"] });
    expect(pageRequirement("/admin/audit/")).toEqual({ permission: ["audit_log", "list"] });
    expect(pageRequirement("/admin/users/abc")).toEqual({ permission: ["user", "list"] });
    expect(pageRequirement("/flags")).toEqual({ permission: ["feature_flag", "list"] });
  });

  it("says when only an admin may open the page", () => {
    expect(pageRequirement("/admin/roles/new")).toEqual({ admin: true });
    expect(pageRequirement("/admin/users/abc/view-as")).toEqual({ admin: true });
  });

  it("knows nothing of pages that demand nothing", () => {
    expect(pageRequirement("/")).toBeNull();
    expect(pageRequirement(undefined)).toBeNull();
    expect(pageRequirement("/salesforce")).toBeNull();
  });
});
