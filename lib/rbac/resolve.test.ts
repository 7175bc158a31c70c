import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  BASE_ROLES,
  RESOURCES,
  isRowScoped,
  SCOPES,
  reachCovers,
  unionReach,
  type PermissionEntry,
  type Scope,
} from "./catalog";
import { resolvePermissions, type GrantLayer, type PermissionLayers } from "./resolve";

const NOW = new Date("2026-06-01T12:00:00Z");

const layers = (overrides: Partial<PermissionLayers> = {}): PermissionLayers => ({
  baseRole: "viewer",
  isSuperuser: false,
  customRoles: [],
  grants: [],
  ...overrides,
});

const grant = (overrides: Partial<GrantLayer>): GrantLayer => ({
  id: "g1",
  resource: "export",
  actions: ["read"],
  scope: null,
  expiresAt: null,
  isActive: true,
  ...overrides,
});

// Principals × (resource, action) → expected answer; anything unlisted is denied.
const MATRIX: [string, PermissionLayers, [string, string, boolean][]][] = [
  [
    "admin",
    layers({ baseRole: "admin" }),
    [
      ["role", "create", true],
      ["sale", "delete", true],
      ["audit_log", "list", true],
    ],
  ],
  [
    "developer",
    layers({ baseRole: "developer" }),
    [
      ["experiment", "delete", true],
      ["feature_flag", "create", true],
      ["report", "list", true],
      ["report", "create", false],
      ["role", "read", true],
      ["role", "list", false],
      ["sale", "read", false],
    ],
  ],
  [
    "analyst",
    layers({ baseRole: "analyst" }),
    [
      ["report", "delete", true],
      ["experiment", "update", false],
      ["sale", "list", true],
      ["sale", "update", false],
      ["user", "read", true],
      ["audit_log", "list", false],
    ],
  ],
  [
    "viewer",
    layers(),
    [
      ["report", "read", true],
      ["report", "update", false],
      ["sale", "read", false],
      ["role", "read", false],
      ["export", "read", false],
    ],
  ],
];

describe("resolvePermissions", () => {
  for (const [name, principal, cases] of MATRIX) {
    for (const [resource, action, expected] of cases) {
      it(`${name} ${expected ? "may" : "may not"} ${action} ${resource}`, () => {
        expect(resolvePermissions(principal, NOW).can(resource, action)).toBe(expected);
      });
    }
  }

  it("a grant that expired one second ago grants nothing", () => {
    const expired = grant({ expiresAt: new Date(NOW.getTime() - 1000) });
    expect(resolvePermissions(layers({ grants: [expired] }), NOW).can("export", "read")).toBe(false);
  });

  it("a grant expiring in a minute grants its actions, and says until when", () => {
    const expiresAt = new Date(NOW.getTime() + 60_000);
    const effective = resolvePermissions(layers({ grants: [grant({ expiresAt })] }), NOW);
    expect(effective.can("export", "read")).toBe(true);
    expect(effective.sources("export", "read")).toEqual([
      { kind: "grant", grantId: "g1", expiresAt: expiresAt.toISOString() },
    ]);
  });

  it("an inactive grant grants nothing", () => {
    expect(resolvePermissions(layers({ grants: [grant({ isActive: false })] }), NOW).can("export", "read")).toBe(false);
  });

  it("a sale permission without a scope covers only the holder's own rows", () => {
    const rep = layers({ customRoles: [{ name: "rep", permissions: [{ resource: "sale", actions: ["read"] }] }] });
    expect(resolvePermissions(rep, NOW).scope("sale", "read")).toEqual(["own"]);
  });

  it("the widest scope among layers wins, per action", () => {
    const manager = layers({
      customRoles: [
        { name: "rep", permissions: [{ resource: "sale", actions: ["read", "update"], scope: "own" }] },
        { name: "manager", permissions: [{ resource: "sale", actions: ["read"], scope: "team" }] },
      ],
    });
    const effective = resolvePermissions(manager, NOW);
    expect(effective.scope("sale", "read")).toEqual(["team"]);
    expect(effective.scope("sale", "update")).toEqual(["own"]);
    expect(effective.scopes().sale).toEqual({ read: ["team"], update: ["own"] });
  });

  it("scopes of different kinds add up; one inside another adds nothing", () => {
    const effective = resolvePermissions(
      layers({
        customRoles: [
          { name: "lead", permissions: [{ resource: "sale", actions: ["read"], scope: "region" }] },
          { name: "manager", permissions: [{ resource: "sale", actions: ["read"], scope: "team" }] },
          { name: "rep", permissions: [{ resource: "sale", actions: ["read"], scope: "own" }] },
          { name: "director", permissions: [{ resource: "report", actions: ["read"], scope: "reports" }] },
        ],
        grants: [grant({ resource: "report", actions: ["read"], scope: "own" })],
      }),
      NOW,
    );
    expect(effective.scope("sale", "read")).toEqual(["region", "team"]);
    expect(effective.scope("report", "read")).toEqual(["reports"]);
  });

  it("lists actions alphabetically in the reference's shape", () => {
    expect(resolvePermissions(layers({ baseRole: "analyst" }), NOW).permissions()).toEqual({
      experiment: ["list", "read"],
      feature_flag: ["list", "read"],
      permission: ["read"],
      report: ["create", "delete", "list", "read", "update"],
      role: ["read"],
      sale: ["list", "read"],
      user: ["read"],
    });
  });

  it("records every source of a permission", () => {
    const effective = resolvePermissions(
      layers({
        baseRole: "analyst",
        customRoles: [{ name: "auditor", permissions: [{ resource: "role", actions: ["read"] }] }],
      }),
      NOW,
    );
    expect(effective.sources("role", "read")).toEqual([
      { kind: "base_role", role: "analyst" },
      { kind: "custom_role", role: "auditor" },
    ]);
  });
});

// Arbitrary layers, including junk resources and actions that must never be granted.
const scopeArb = fc.constantFrom<Scope | undefined>(undefined, ...SCOPES);
const resourceArb = fc.oneof(fc.constantFrom(...RESOURCES), fc.constantFrom("secrets", "Sale", ""));
const actionArb = fc.oneof(fc.constantFrom(...ACTIONS), fc.constantFrom("approve", "READ", "*"));
const entryArb = fc.record({
  resource: resourceArb,
  actions: fc.array(actionArb, { maxLength: 5 }),
  scope: scopeArb,
}) as fc.Arbitrary<PermissionEntry>;
const grantArb = fc.record({
  id: fc.uuid(),
  resource: resourceArb,
  actions: fc.array(actionArb, { maxLength: 5 }),
  scope: fc.constantFrom<Scope | null>(null, ...SCOPES),
  expiresAt: fc.option(
    fc.integer({ min: -86_400_000, max: 86_400_000 }).map((ms) => new Date(NOW.getTime() + ms)),
    {
      nil: null,
    },
  ),
  isActive: fc.boolean(),
});
const layersArb: fc.Arbitrary<PermissionLayers> = fc.record({
  baseRole: fc.constantFrom(...BASE_ROLES),
  isSuperuser: fc.boolean(),
  customRoles: fc.array(fc.record({ name: fc.string(), permissions: fc.array(entryArb, { maxLength: 4 }) }), {
    maxLength: 3,
  }),
  grants: fc.array(grantArb, { maxLength: 4 }),
});
const pairs = RESOURCES.flatMap((resource) => ACTIONS.map((action) => [resource, action] as const));

describe("resolvePermissions properties", () => {
  it("adding a layer never removes a permission nor narrows a scope", () => {
    fc.assert(
      fc.property(layersArb, fc.array(entryArb, { maxLength: 4 }), grantArb, (base, extraRole, extraGrant) => {
        const before = resolvePermissions(base, NOW);
        const after = resolvePermissions(
          {
            ...base,
            customRoles: [...base.customRoles, { name: "extra", permissions: extraRole }],
            grants: [...base.grants, extraGrant],
          },
          NOW,
        );
        for (const [resource, action] of pairs) {
          if (!before.can(resource, action)) continue;
          expect(after.can(resource, action)).toBe(true);
          for (const kind of before.scope(resource, action) ?? []) {
            expect(reachCovers(after.scope(resource, action), kind)).toBe(true);
          }
        }
      }),
    );
  });

  it("an expired or inactive grant never adds a permission", () => {
    fc.assert(
      fc.property(layersArb, grantArb, fc.boolean(), (base, extra, expire) => {
        const dead = expire ? { ...extra, expiresAt: new Date(NOW.getTime() - 1) } : { ...extra, isActive: false };
        const before = resolvePermissions(base, NOW);
        const after = resolvePermissions({ ...base, grants: [...base.grants, dead] }, NOW);
        for (const [resource, action] of pairs) {
          expect(after.can(resource, action)).toBe(before.can(resource, action));
          expect(after.scope(resource, action)).toEqual(before.scope(resource, action));
        }
      }),
    );
  });

  it("a superuser holds every permission with scope all", () => {
    fc.assert(
      fc.property(layersArb, (base) => {
        const effective = resolvePermissions({ ...base, isSuperuser: true }, NOW);
        for (const [resource, action] of pairs) {
          expect(effective.can(resource, action)).toBe(true);
          expect(effective.scope(resource, action)).toEqual(["all"]);
        }
      }),
    );
  });

  it("the layers' scopes add up: each kind held is covered, and nothing else", () => {
    fc.assert(
      fc.property(fc.array(scopeArb, { minLength: 1, maxLength: 5 }), (scopes) => {
        const effective = resolvePermissions(
          layers({
            customRoles: scopes.map((scope, i) => ({
              name: `r${i}`,
              permissions: [{ resource: "sale", actions: ["read"], ...(scope ? { scope } : {}) }],
            })),
          }),
          NOW,
        );
        const held = scopes.map((s) => s ?? "own");
        const reach = effective.scope("sale", "read");
        expect(reach).toEqual(unionReach(held, null));
        for (const kind of SCOPES) expect(reachCovers(reach, kind)).toBe(held.some((h) => reachCovers([h], kind)));
      }),
    );
  });

  it("the sources of a permission are what holds it: held exactly when named, scopes adding up to its scope", () => {
    fc.assert(
      fc.property(layersArb, (base) => {
        const effective = resolvePermissions({ ...base, isSuperuser: false }, NOW);
        for (const [resource, action] of pairs) {
          const sources = effective.sources(resource, action);
          expect(sources.length > 0).toBe(effective.can(resource, action));
          if (!isRowScoped(resource) || sources.length === 0) continue;
          const kinds = sources.map((source) => (source.kind === "superuser" ? "all" : (source.scope ?? "own")));
          expect(unionReach(kinds, null)).toEqual(effective.scope(resource, action));
        }
      }),
    );
  });

  it("an unknown resource or action is denied, whatever the layers", () => {
    fc.assert(
      fc.property(
        layersArb,
        fc.string().filter((s) => !(RESOURCES as readonly string[]).includes(s)),
        fc.string().filter((s) => !(ACTIONS as readonly string[]).includes(s)),
        (base, resource, action) => {
          const effective = resolvePermissions(base, NOW);
          expect(effective.can(resource, "read")).toBe(false);
          expect(effective.can("report", action)).toBe(false);
          expect(effective.scope(resource, "read")).toBeNull();
        },
      ),
    );
  });
});
