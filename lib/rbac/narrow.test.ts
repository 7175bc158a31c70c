import { describe, expect, it } from "vitest";
import { excessOf, narrowPermissions, narrowReach, parsePermissionList, UNLIMITED } from "./narrow";
import { resolvePermissions, type PermissionLayers } from "./resolve";

const NOW = new Date("2026-06-01T12:00:00Z");

const owner = (overrides: Partial<PermissionLayers> = {}) =>
  resolvePermissions({ baseRole: "viewer", isSuperuser: false, customRoles: [], grants: [], ...overrides }, NOW);

const rep = owner({
  customRoles: [
    { name: "sales-rep", permissions: [{ resource: "sale", actions: ["create", "read", "list"], scope: "own" }] },
  ],
});
const analyst = owner({ baseRole: "analyst" });

describe("a token's permissions are its limits ∩ its owner's", () => {
  const cases: [
    string,
    ReturnType<typeof owner>,
    Parameters<typeof narrowPermissions>[1],
    [string, string, boolean][],
  ][] = [
    [
      "unlimited",
      rep,
      UNLIMITED,
      [
        ["sale", "create", true],
        ["sale", "list", true],
        ["sale", "delete", false],
      ],
    ],
    [
      "sale:list only",
      rep,
      { permissions: ["sale:list"], scopes: {} },
      [
        ["sale", "list", true],
        ["sale", "create", false],
        ["report", "read", false],
      ],
    ],
    [
      "a pair the owner lacks",
      rep,
      { permissions: ["sale:delete", "sale:list"], scopes: {} },
      [
        ["sale", "delete", false],
        ["sale", "list", true],
      ],
    ],
    [
      "superuser limited",
      owner({ isSuperuser: true }),
      { permissions: ["report:read"], scopes: {} },
      [
        ["report", "read", true],
        ["role", "create", false],
      ],
    ],
  ];
  for (const [name, held, limits, expectations] of cases) {
    it(name, () => {
      const narrowed = narrowPermissions(held, limits);
      for (const [resource, action, expected] of expectations) expect(narrowed.can(resource, action)).toBe(expected);
    });
  }

  it("a scope ceiling narrows, never widens", () => {
    expect(narrowPermissions(analyst, { permissions: null, scopes: { sale: "own" } }).scope("sale", "list")).toEqual([
      "own",
    ]);
    expect(narrowPermissions(rep, { permissions: null, scopes: { sale: "all" } }).scope("sale", "list")).toEqual([
      "own",
    ]);
    expect(narrowPermissions(analyst, { permissions: null, scopes: { sale: "team" } }).scopes().sale).toEqual({
      read: ["team"],
      list: ["team"],
    });
  });

  it("a ceiling keeps the kinds it covers and drops those beside it", () => {
    expect(narrowReach(["region", "team"], "team")).toEqual(["team"]);
    expect(narrowReach(["region", "reports"], "own")).toEqual(["own"]);
    expect(narrowReach(["region"], "team")).toBeNull();
    expect(narrowReach(["all"], "region")).toEqual(["region"]);
    expect(narrowReach(["region", "team"], undefined)).toEqual(["region", "team"]);
  });

  it("a limited superuser's token is no superuser", () => {
    const root = owner({ isSuperuser: true });
    expect(narrowPermissions(root, UNLIMITED).isSuperuser).toBe(true);
    expect(narrowPermissions(root, { permissions: ["sale:list"], scopes: {} }).isSuperuser).toBe(false);
    expect(narrowPermissions(root, { permissions: ["sale:list"], scopes: {} }).permissions()).toEqual({
      sale: ["list"],
    });
  });

  it("what a token would get beyond its owner is named", () => {
    expect(excessOf(rep, { permissions: ["sale:list", "sale:delete", "role:create"], scopes: {} })).toEqual([
      "sale:delete",
      "role:create",
    ]);
    expect(excessOf(rep, { permissions: null, scopes: { sale: "team" } })).toEqual(["sale scope team"]);
    expect(excessOf(analyst, { permissions: ["sale:list"], scopes: { sale: "own" } })).toEqual([]);
    expect(excessOf(owner(), { permissions: null, scopes: { sale: "own" } })).toEqual(["sale scope own"]);
  });

  it("permission lists parse resource:action pairs and name the rest", () => {
    expect(parsePermissionList(" sale:read,sale:list ,sale:list")).toEqual({
      pairs: ["sale:list", "sale:read"],
      unknown: [],
    });
    expect(parsePermissionList("sale:fly,ship:read,sale").unknown).toEqual(["sale:fly", "ship:read", "sale"]);
  });
});
