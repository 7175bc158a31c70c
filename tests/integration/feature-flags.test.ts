// Feature flags: every holder of feature_flag:list sees them, only feature_flag:update switches
// them (audited, with the true before and after), a base-role limit decides who is shown the
// feature, and bad input is a 422 or 404 that changes nothing.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { updateFlagAction } from "@/app/(app)/flags/actions";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { queryRows } from "@/db/client";
import { syncFeatureFlags } from "@/db/migrate";
import { featureFlags } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { insertToken } from "@/lib/auth/tokens";
import { Forbidden } from "@/lib/errors";
import { FLAG_KEYS } from "@/lib/flags/catalog";
import type { FlagView } from "@/lib/flags/schemas";
import { isFlagOn, listFlags, updateFlag } from "@/lib/flags/service";
import { DATABASE_KINDS, rejectsWithDatabaseError } from "../support/databases";
import { type DemoUsername, type Fixture, fixture, post } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const FORECAST = "overview_forecast";

interface FlagAudit {
  actor_username: string;
  action: string;
  target_type: string;
  target_id: string;
  target_label: string;
  before: unknown;
  after: unknown;
}

describe.each(DATABASE_KINDS)("feature flags on %s", (kind) => {
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(() => f?.dispose());

  const list = (token?: string) => f.call<FlagView[]>("GET", "/api/v1/feature-flags", { token });
  const patch = (as: DemoUsername, key: string, json: unknown) =>
    f.call<{ errors: { field: string }[] } & Record<string, unknown>>("PATCH", `/api/v1/feature-flags/${key}`, {
      as,
      json,
    });
  const state = async () =>
    JSON.stringify(
      await queryRows(
        f.test.owner.db,
        sql`select key, enabled, base_roles, updated_at, updated_by_id from feature_flags order by key`,
      ),
    );
  const flagAudits = () =>
    queryRows<FlagAudit>(
      f.test.owner.db,
      sql`select actor_username, action, target_type, target_id, target_label, before, after from audit_log
          where action = 'flag.update' order by created_at, id`,
    );
  const reset = () =>
    f.test.owner.db.execute(
      sql`update feature_flags set enabled = (key <> ${FORECAST}), base_roles = '{}', updated_by_id = null`,
    );

  beforeEach(async () => {
    await reset();
  });

  it("lists the product's flags in their seeded states to a developer and to a viewer", async () => {
    for (const user of ["dev", "vera", "dave", "admin"] as const) {
      const response = await list(f.tokens[user]);
      expect(response.status, user).toBe(200);
      const flags = response.body;
      expect(flags.map((flag) => flag.key)).toEqual([...FLAG_KEYS].sort());
      expect(flags.find((flag) => flag.key === FORECAST)).toMatchObject({ enabled: false, base_roles: [] });
      expect(flags.find((flag) => flag.key === "sales_totals")).toMatchObject({ enabled: true, base_roles: [] });
    }
    const one = await f.call("GET", `/api/v1/feature-flags/${FORECAST}`, { as: "vera" });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ key: FORECAST, name: "Forecast on the overview", updated_by: null });
  });

  it("a developer turns a flag on for analysts: one audit row with the true before and after", async () => {
    const audits = (await flagAudits()).length;
    const response = await patch("dev", FORECAST, { enabled: true, base_roles: ["analyst"], reason: "pilot" });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      key: FORECAST,
      enabled: true,
      base_roles: ["analyst"],
      updated_by: "dev",
    });
    const rows = await flagAudits();
    expect(rows).toHaveLength(audits + 1);
    expect(rows.at(-1)).toEqual({
      actor_username: "dev",
      action: "flag.update",
      target_type: "feature_flag",
      target_id: FORECAST,
      target_label: "Forecast on the overview",
      before: { enabled: false, base_roles: [] },
      after: { enabled: true, base_roles: ["analyst"] },
    });

    // The same state again changes and audits nothing.
    const before = await state();
    expect((await patch("dev", FORECAST, { enabled: true, base_roles: ["analyst"] })).status).toBe(200);
    expect(await state()).toBe(before);
    expect(await flagAudits()).toHaveLength(audits + 1);
  });

  it("concurrent changes each audit the state the other left behind", async () => {
    const audits = (await flagAudits()).length;
    const dev = await f.viewer("dev");
    const admin = await f.viewer("admin");
    await Promise.all([
      updateFlag(dev, FORECAST, { enabled: true, base_roles: ["analyst"] }),
      updateFlag(admin, FORECAST, { base_roles: ["viewer", "developer"] }),
      updateFlag(dev, FORECAST, { enabled: false }),
    ]);
    const rows = (await flagAudits()).slice(audits);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.before).toEqual({ enabled: false, base_roles: [] });
    expect(rows[1]?.before).toEqual(rows[0]?.after);
    expect(rows[2]?.before).toEqual(rows[1]?.after);
    const [stored] = await queryRows<{ enabled: boolean }>(
      f.test.owner.db,
      sql`select enabled from feature_flags where key = ${FORECAST}`,
    );
    expect(stored?.enabled).toBe((rows[2]?.after as { enabled: boolean }).enabled);
  });

  it("a viewer and an analyst may read the flags but not switch them (403, nothing changes)", async () => {
    const before = await state();
    const audits = (await flagAudits()).length;
    for (const user of ["vera", "dave", "alice"] as const) {
      const response = await patch(user, FORECAST, { enabled: true });
      expect(response.status, user).toBe(403);
      expect(response.body).toEqual({ detail: "Requires feature_flag:update" });
    }
    await expect(updateFlag(await f.viewer("vera"), FORECAST, { enabled: true })).rejects.toBeInstanceOf(Forbidden);
    expect(await state()).toBe(before);
    expect(await flagAudits()).toHaveLength(audits);
  });

  it("without feature_flag itself nothing is listed: a token limited to reading roles, a viewer without the permission", async () => {
    // Every base role holds feature_flag:list, so the callers without it are a token limited to
    // other permissions and a viewer whose permissions lack it.
    const { token } = await insertToken(f.test.owner.db, f.ids.dev, { name: "roles only", permissions: ["role:read"] });
    const response = await list(token);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ detail: "Requires feature_flag:list" });
    const one = await f.call("GET", `/api/v1/feature-flags/${FORECAST}`, { token });
    expect(one.status).toBe(403);
    const patched = await f.call("PATCH", `/api/v1/feature-flags/${FORECAST}`, { token, json: { enabled: true } });
    expect(patched.status).toBe(403);

    const dev = await f.viewer("dev");
    const without = { ...dev, can: () => false };
    await expect(listFlags(without)).rejects.toBeInstanceOf(Forbidden);
    await expect(updateFlag(without, FORECAST, { enabled: true })).rejects.toBeInstanceOf(Forbidden);
    expect((await list(f.tokens.dev)).status).toBe(200);
    expect((await list()).status).toBe(401);
  });

  it("a flag limited to analysts is on for the analyst and off for a rep, a developer and an admin", async () => {
    const dave = await f.viewer("dave");
    const alice = await f.viewer("alice");
    const dev = await f.viewer("dev");
    const admin = await f.viewer("admin");
    const root = await f.viewer("root");
    expect(await isFlagOn(dave, FORECAST)).toBe(false);
    await updateFlag(dev, FORECAST, { enabled: true, base_roles: ["analyst"] });
    expect(await isFlagOn(dave, FORECAST)).toBe(true);
    expect(await isFlagOn(alice, FORECAST)).toBe(false);
    expect(await isFlagOn(dev, FORECAST)).toBe(false);
    expect(await isFlagOn(admin, FORECAST)).toBe(false);
    // A superuser is judged by their base role too (root's is viewer).
    expect(await isFlagOn(root, FORECAST)).toBe(false);

    await updateFlag(dev, FORECAST, { base_roles: [] });
    for (const viewer of [dave, alice, dev, admin, root]) expect(await isFlagOn(viewer, FORECAST)).toBe(true);
    await updateFlag(dev, FORECAST, { enabled: false, base_roles: ["analyst"] });
    expect(await isFlagOn(dave, FORECAST)).toBe(false);
    // A flag only shows or hides: being shown the forecast grants alice no sales beyond her own.
    expect(alice.can("sale", "list") && alice.scope("sale", "list")).toEqual(["own"]);
  });

  it("refuses bad input with 422 naming the field, and an unknown flag with 404, changing nothing", async () => {
    const before = await state();
    const audits = (await flagAudits()).length;
    const cases: [unknown, string][] = [
      [{ enabled: true, base_roles: ["superuser"] }, "base_roles.0"],
      [{ base_roles: ["analyst", "sales-rep"] }, "base_roles.1"],
      [{ enabled: "yes" }, "enabled"],
      [{}, "enabled"],
      [{ enabled: true, owner: "dev" }, "body"],
      [{ enabled: true, reason: "pilot\u0000" }, "reason"],
      [{ base_roles: ["analyst\u0000"] }, "base_roles.0"],
    ];
    for (const [body, field] of cases) {
      const response = await patch("dev", FORECAST, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(
        response.body.errors.map((error) => error.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const malformed = await f.call("PATCH", `/api/v1/feature-flags/${FORECAST}`, {
      as: "dev",
      raw: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(422);
    const nul = await patch("dev", "overview\u0000forecast", { enabled: true });
    expect(nul.status).toBe(422);
    expect(nul.body.errors[0]?.field).toBe("key");
    for (const key of ["no_such_flag", "Overview_Forecast", "x".repeat(300)]) {
      expect((await patch("dev", key, { enabled: true })).status, key).toBe(key.length > 200 ? 422 : 404);
    }
    const missing = await f.call("GET", "/api/v1/feature-flags/no_such_flag", { as: "vera" });
    expect(missing.status).toBe(404);
    expect(await state()).toBe(before);
    expect(await flagAudits()).toHaveLength(audits);
  });

  it("the page's server action switches a flag for a developer and refuses a viewer", async () => {
    const fields = { key: FORECAST, enabled: "true", base_roles: ["analyst", "viewer"] };
    expect(await post(updateFlagAction, fields, await f.viewer("dev"))).toEqual({
      status: "success",
      message: "Forecast on the overview is on for analysts and viewers.",
    });
    expect((await flagAudits()).at(-1)?.after).toEqual({ enabled: true, base_roles: ["analyst", "viewer"] });
    // Undo sends back the state the change replaced.
    expect(await post(updateFlagAction, { key: FORECAST, enabled: "false" }, await f.viewer("dev"))).toEqual({
      status: "success",
      message: "Forecast on the overview is off.",
    });
    expect((await flagAudits()).at(-1)?.after).toEqual({ enabled: false, base_roles: [] });

    const before = await state();
    expect(await post(updateFlagAction, fields, await f.viewer("vera"))).toMatchObject({
      status: "error",
      error: "Requires feature_flag:update",
    });
    expect(await post(updateFlagAction, { ...fields, base_roles: "root" }, await f.viewer("dev"))).toMatchObject({
      status: "error",
      fieldErrors: { "base_roles.0": expect.stringContaining("Choose base roles") },
    });
    expect(await post(updateFlagAction, fields, null)).toMatchObject({ status: "error" });
    expect(await state()).toBe(before);
  });

  it("the migration step adds missing flags and leaves a switched flag as it was", async () => {
    await updateFlag(await f.viewer("dev"), FORECAST, { enabled: true, base_roles: ["developer"] });
    await f.test.owner.db.execute(sql`delete from feature_flags where key = 'sales_totals'`);
    await syncFeatureFlags(f.test.owner.db);
    const flags = await listFlags(await f.viewer("dev"));
    expect(flags.find((flag) => flag.key === FORECAST)).toMatchObject({ enabled: true, base_roles: ["developer"] });
    expect(flags.find((flag) => flag.key === "sales_totals")).toMatchObject({ enabled: true, base_roles: [] });
  });

  it("the application role may switch flags but never add, rename or remove one", async () => {
    const dev = await f.viewer("dev");
    await rejectsWithDatabaseError(
      withViewer(dev, (tx) =>
        tx.insert(featureFlags).values({ key: "sneaky", name: "Sneaky", description: "Made by the app" }),
      ),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(dev, (tx) => tx.update(featureFlags).set({ name: "Renamed" }).where(eq(featureFlags.key, FORECAST))),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(dev, (tx) => tx.delete(featureFlags).where(eq(featureFlags.key, FORECAST))),
      /permission denied/,
    );
    expect((await listFlags(dev)).map((flag) => [flag.key, flag.name])).toContainEqual([
      FORECAST,
      "Forecast on the overview",
    ]);
  });

  it("the OpenAPI document describes the flag routes", async () => {
    const doc = (await openApi().json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths["/api/v1/feature-flags"]?.get?.operationId).toBe("listFeatureFlags");
    expect(doc.paths["/api/v1/feature-flags/{key}"]?.patch?.operationId).toBe("updateFeatureFlag");
    expect(doc.paths["/api/v1/feature-flags/{key}"]?.get?.operationId).toBe("getFeatureFlag");
  });
});
