import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESERVED_ROLE_NAMES, createRoleInput } from "./schemas";

const permissions = [{ resource: "experiment", actions: ["read"] }];

describe("role names", () => {
  it("reserves every page the console has under /admin/roles besides a role's own", () => {
    const folder = path.join(import.meta.dirname, "../../app/(app)/admin/roles");
    const pages = readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith("[") && !entry.name.startsWith("("))
      .map((entry) => entry.name);
    expect(pages.length).toBeGreaterThan(0);
    expect([...RESERVED_ROLE_NAMES].sort()).toEqual(expect.arrayContaining(pages));
  });

  it("refuses a reserved name for a new role, on the name field", () => {
    const result = createRoleInput.safeParse({ name: "new", permissions });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["name"]]);
  });

  it("accepts the reference's example names", () => {
    for (const name of ["data-scientist", "read_only_experiments", "analyst2", "read-only-experiments"]) {
      expect(createRoleInput.safeParse({ name, permissions }).success).toBe(true);
    }
  });
});
