// A lost second factor: an admin's reset (audited, ends the user's sessions, only where the admin
// may change the account) and new recovery codes (a code or the password, throttled, audited).
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { DEFAULT_DEMO_PASSWORD } from "@/db/seed";
import { confirmEnrolment, secondFactorStatus, startEnrolment } from "@/lib/auth/mfa";
import { EnrolmentRequired } from "@/lib/auth/mfa-policy";
import { regenerateRecoveryCodes, resetSecondFactor } from "@/lib/auth/mfa-recovery";
import { loadViewerBySession, type Viewer } from "@/lib/auth/principal";
import { startSession } from "@/lib/auth/sessions";
import { checkCredentials } from "@/lib/auth/sign-in";
import { SignInRefused } from "@/lib/auth/sign-in-refused";
import { ACCOUNT_AT_ADDRESS } from "@/lib/auth/throttle";
import { codeAt } from "@/lib/auth/totp";
import { BadRequest, Conflict, Forbidden, Invalid, TooManyTries } from "@/lib/errors";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople, type DemoUsername } from "../support/fixture";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "127.0.0.90" }) }));
const { resetSecondFactorAction } = await import("@/app/(app)/admin/users/actions");
const { regenerateRecoveryCodesAction } = await import("@/app/(app)/account/security/actions");

const PASSWORD = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const STEP = 30_000;
const client = { address: "127.0.0.1", userAgent: null };

function formOf(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** How a sign-in with the password (and then `code`, when asked) ends: "ok", "bad-code", … */
async function signInWith(login: string, code?: string, address = "127.0.0.91"): Promise<string> {
  const from = new Headers({ "x-forwarded-for": address });
  const outcome = (error: unknown) => {
    if (!(error instanceof SignInRefused)) throw error;
    return error;
  };
  const first = await checkCredentials({ login, password: PASSWORD }, from).then(() => null, outcome);
  if (!first) return "ok";
  if (first.code !== "second-factor" || code === undefined) return first.code;
  const second = await checkCredentials({ ticket: first.ticket!, code }, from).then(() => null, outcome);
  return second ? second.code : "ok";
}

describe.each(DATABASE_KINDS)("lost second factors on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.handle.db);
  });
  afterAll(() => test?.dispose());
  afterEach(() => {
    session.viewer = null;
    delete process.env.REQUIRE_ADMIN_MFA;
  });

  async function enrol(username: DemoUsername) {
    const viewer = people.viewer(username);
    const enrolment = await startEnrolment(viewer);
    const codes = await confirmEnrolment(viewer, {
      ticket: enrolment.ticket,
      code: codeAt(enrolment.secret, Date.now()),
    });
    return { secret: enrolment.secret, codes };
  }

  const audits = (action: string, username: DemoUsername) =>
    queryRows<{ actor_username: string; after: { sessions_ended?: number; confirmed_with?: string } }>(
      test.handle.db,
      sql`select actor_username, after from audit_log where action = ${action} and target_label = ${username}
          order by created_at`,
    );

  it("an admin resets a user's factor from the user page: audited, and every session of the user ends", async () => {
    const { codes } = await enrol("alice");
    const alice = people.viewer("alice");
    const sessions = [
      await startSession(test.handle.db, alice.id, client),
      await startSession(test.handle.db, alice.id, client),
    ];
    const adminsOwn = await startSession(test.handle.db, people.ids.admin, client);

    session.viewer = people.viewer("admin");
    const done = await resetSecondFactorAction({ status: "idle" }, formOf({ user_id: alice.id }));
    expect(done).toMatchObject({
      status: "success",
      message: expect.stringMatching(/off for this account and 2 sessions ended/),
    });

    expect((await secondFactorStatus(alice)).enabledAt).toBeNull();
    for (const id of sessions) {
      expect(await loadViewerBySession(test.handle.db, alice.id, id, alice.sessionVersion, 60)).toBeNull();
    }
    // The admin's own session is untouched.
    const admin = people.viewer("admin");
    expect(await loadViewerBySession(test.handle.db, admin.id, adminsOwn, admin.sessionVersion, 60)).not.toBeNull();
    const [audit] = await audits("mfa.reset", "alice");
    expect(audit).toMatchObject({ actor_username: "admin", after: { sessions_ended: 2 } });
    // The password alone signs alice in again; her old recovery codes are gone with the factor.
    expect(await signInWith("alice")).toBe("ok");
    const [left] = await queryRows<{ n: number }>(
      test.handle.db,
      sql`select count(*)::int as n from mfa_recovery_codes where user_id = ${alice.id}`,
    );
    expect(left?.n).toBe(0);
    expect(codes).toHaveLength(10);
  });

  it("a reset is refused to non-admins, for superusers by admins, for oneself and where there is none", async () => {
    await enrol("bob");
    await enrol("root");
    const bob = people.ids.bob;
    await expect(resetSecondFactor(people.viewer("dave"), bob)).rejects.toBeInstanceOf(Forbidden);
    await expect(resetSecondFactor(people.viewer("carol"), bob)).rejects.toBeInstanceOf(Forbidden);
    await expect(resetSecondFactor(people.viewer("admin"), people.ids.root)).rejects.toThrow(/Only a superuser/);
    await expect(resetSecondFactor(people.viewer("root"), people.ids.root)).rejects.toBeInstanceOf(BadRequest);
    await expect(resetSecondFactor(people.viewer("admin"), people.ids.vera)).rejects.toBeInstanceOf(Conflict);
    process.env.REQUIRE_ADMIN_MFA = "true";
    await expect(resetSecondFactor(people.viewer("admin"), bob)).rejects.toBeInstanceOf(EnrolmentRequired);
    delete process.env.REQUIRE_ADMIN_MFA;
    // Nothing of that changed bob's or root's factor, nor wrote an audit row.
    expect((await secondFactorStatus(people.viewer("bob"))).enabledAt).not.toBeNull();
    expect((await secondFactorStatus(people.viewer("root"))).enabledAt).not.toBeNull();
    expect(await audits("mfa.reset", "bob")).toHaveLength(0);
    // A superuser may reset a superuser's.
    await expect(resetSecondFactor(people.viewer("root"), bob)).resolves.toBe(0);
  });

  it("new recovery codes need a right code or the password; the old codes stop working; audited", async () => {
    const { secret, codes: old } = await enrol("erin");
    const erin = people.viewer("erin");
    session.viewer = erin;
    const regenerate = (fields: Record<string, string>) =>
      regenerateRecoveryCodesAction({ status: "idle" }, formOf({ code: "", password: "", ...fields }));

    expect(await regenerate({})).toMatchObject({ status: "error", fieldErrors: { code: expect.any(String) } });
    expect(await regenerate({ code: "123456", password: PASSWORD })).toMatchObject({ status: "error" });
    expect(await regenerate({ code: "000000" })).toMatchObject({
      status: "error",
      fieldErrors: { code: expect.any(String) },
    });
    expect(await regenerate({ password: "not-her-password" })).toMatchObject({
      status: "error",
      fieldErrors: { password: "That is not your current password." },
    });
    expect(await audits("mfa.recovery_codes", "erin")).toHaveLength(0);

    const byPassword = await regenerate({ password: PASSWORD });
    expect(byPassword).toMatchObject({ status: "success" });
    const fresh = byPassword.status === "success" ? (byPassword.secret ?? "").split("\n") : [];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    expect(await signInWith("erin", old[0])).toBe("bad-code");
    expect(await signInWith("erin", fresh[0])).toBe("ok");

    const byCode = await regenerateRecoveryCodes(erin, { code: codeAt(secret, Date.now() + STEP) }, "127.0.0.92");
    expect(await signInWith("erin", fresh[1])).toBe("bad-code");
    expect(await signInWith("erin", byCode[0])).toBe("ok");
    expect((await audits("mfa.recovery_codes", "erin")).map((a) => a.after.confirmed_with)).toEqual([
      "password",
      "totp",
    ]);
    // Without a factor there are no codes to replace.
    await expect(
      regenerateRecoveryCodes(people.viewer("vera"), { password: PASSWORD }, "127.0.0.92"),
    ).rejects.toBeInstanceOf(Conflict);
  });

  it("guesses at the confirmation are throttled: codes on the code budget, the password on sign-in's", async () => {
    await enrol("frank");
    const frank = people.viewer("frank");
    for (let i = 0; i < ACCOUNT_AT_ADDRESS.limit; i++) {
      await expect(regenerateRecoveryCodes(frank, { code: "000000" }, "127.0.0.93")).rejects.toBeInstanceOf(Invalid);
    }
    const codes = await regenerateRecoveryCodes(frank, { code: "000000" }, "127.0.0.93").catch((e: unknown) => e);
    expect(codes).toBeInstanceOf(TooManyTries);
    expect((codes as TooManyTries).message).toMatch(/^Too many wrong codes\. Try again in \d+ minute/);

    for (let i = 0; i < ACCOUNT_AT_ADDRESS.limit; i++) {
      await expect(regenerateRecoveryCodes(frank, { password: `guess-${i}` }, "127.0.0.94")).rejects.toBeInstanceOf(
        Invalid,
      );
    }
    const locked = await regenerateRecoveryCodes(frank, { password: PASSWORD }, "127.0.0.94").catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(TooManyTries);
    expect((locked as TooManyTries).message).toMatch(/^Too many wrong passwords\. Try again in \d+ minute/);
    // The same budget as signing in from there.
    expect(await signInWith("frank", undefined, "127.0.0.94")).toBe("throttled");
    expect(await audits("mfa.recovery_codes", "frank")).toHaveLength(0);
  });
});
