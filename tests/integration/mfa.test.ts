// Two-factor sign-in on a real database: enrolment, the code step of sign-in (wrong codes refused
// and throttled, no code twice), recovery codes spent once, removal, what the application role
// may read, and REQUIRE_ADMIN_MFA.
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { auditLog, userMfa } from "@/db/schema";
import { withViewer } from "@/db/scoped";
import { DEFAULT_DEMO_PASSWORD } from "@/db/seed";
import { createOwnToken } from "@/lib/auth/account";
import { confirmEnrolment, disableSecondFactor, secondFactorStatus, startEnrolment } from "@/lib/auth/mfa";
import { mustEnrolFirst } from "@/lib/auth/mfa-policy";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { checkCredentials } from "@/lib/auth/sign-in";
import { SignInRefused } from "@/lib/auth/sign-in-refused";
import { ACCOUNT_AT_ADDRESS } from "@/lib/auth/throttle";
import { codeAt, normaliseRecoveryCode } from "@/lib/auth/totp";
import { DATABASE_KINDS, demoDatabase, rejectsWithDatabaseError, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople } from "../support/fixture";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ refresh: () => {}, revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "127.0.0.50" }) }));
const { createRoleAction } = await import("@/app/(app)/admin/roles/actions");
const { enableMfaAction } = await import("@/app/(app)/account/security/actions");

const PASSWORD = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const STEP = 30_000;
const from = (address: string) => new Headers({ "x-forwarded-for": address });

/** The refusal's code, or "ok" with the signed-in user's id. */
async function attempt(credentials: Record<string, string>, address = "127.0.0.40") {
  return checkCredentials(credentials, from(address)).then(
    (user) => ({ outcome: "ok", id: user.id, ticket: undefined }),
    (error: unknown) => {
      if (!(error instanceof SignInRefused)) throw error;
      return { outcome: error.code as string, id: undefined, ticket: error.ticket };
    },
  );
}

/** Enrols a user; answers their secret and recovery codes. */
async function enrol(viewer: Viewer) {
  const enrolment = await startEnrolment(viewer);
  const codes = await confirmEnrolment(viewer, {
    ticket: enrolment.ticket,
    code: codeAt(enrolment.secret, Date.now()),
  });
  return { secret: enrolment.secret, codes };
}

async function passwordStep(login: string, address?: string): Promise<string> {
  const first = await attempt({ login, password: PASSWORD }, address);
  expect(first.outcome).toBe("second-factor");
  return first.ticket as string;
}

describe.each(DATABASE_KINDS)("two-factor sign-in on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());
  beforeEach(() => {
    session.viewer = null;
  });
  afterEach(() => {
    delete process.env.REQUIRE_ADMIN_MFA;
  });

  it("enrolment needs a right code; the secret is stored sealed and audited", async () => {
    const viewer = people.viewer("alice");
    const enrolment = await startEnrolment(viewer);
    expect(enrolment.qrSvg).toMatch(/^<svg/);
    session.viewer = viewer;
    const wrong = await enableMfaAction({ status: "idle" }, formOf({ ticket: enrolment.ticket, code: "000000" }));
    expect(wrong).toMatchObject({ status: "error", fieldErrors: { code: expect.any(String) } });
    expect((await secondFactorStatus(viewer)).enabledAt).toBeNull();

    const code = codeAt(enrolment.secret, Date.now());
    const done = await enableMfaAction({ status: "idle" }, formOf({ ticket: enrolment.ticket, code }));
    expect(done).toMatchObject({ status: "success" });
    const codes = done.status === "success" ? (done.secret ?? "").split("\n") : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const status = await secondFactorStatus(viewer);
    expect(status.enabledAt).not.toBeNull();
    expect(status.recoveryCodesLeft).toBe(10);
    const [row] = await test.owner.db.select().from(userMfa).where(eq(userMfa.userId, viewer.id));
    expect(row?.secret).not.toContain(enrolment.secret);
    const stored = await queryRows<{ code_hash: string }>(
      test.owner.db,
      sql`select code_hash from mfa_recovery_codes where user_id = ${viewer.id}`,
    );
    expect(stored).toHaveLength(10);
    const plain = new Set(codes.map(normaliseRecoveryCode));
    expect(stored.some((r) => plain.has(r.code_hash) || codes.includes(r.code_hash))).toBe(false);
    const [audit] = await test.owner.db.select().from(auditLog).where(eq(auditLog.action, "mfa.enable"));
    expect(audit).toMatchObject({ actorId: viewer.id, targetId: viewer.id });
    expect(JSON.stringify(audit)).not.toContain(enrolment.secret);

    // A second enrolment is refused, and an old set-up ticket does not open for another user.
    await expect(confirmEnrolment(viewer, { ticket: enrolment.ticket, code })).rejects.toThrow(/already on/);
    await expect(confirmEnrolment(people.viewer("bob"), { ticket: enrolment.ticket, code })).rejects.toThrow(/expired/);
  });

  it("the application role can see whether a factor is on, but never read a secret or a code hash", async () => {
    const viewer = people.viewer("carol");
    await enrol(viewer);
    await rejectsWithDatabaseError(
      withViewer(viewer, (tx) => tx.execute(sql`select secret from user_mfa`)),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(viewer, (tx) => tx.execute(sql`select code_hash from mfa_recovery_codes`)),
      /permission denied/,
    );
    await rejectsWithDatabaseError(
      withViewer(viewer, (tx) => tx.execute(sql`update user_mfa set last_step = 0`)),
      /permission denied/,
    );
    // Another user's row is invisible to the application role.
    const others = await withViewer(people.viewer("dave"), (tx) =>
      queryRows<{ user_id: string }>(tx, sql`select user_id from user_mfa`),
    );
    expect(others).toEqual([]);
  });

  it("an enrolled user signs in with a code; a wrong code and a used code are refused", async () => {
    const { secret } = await enrol(people.viewer("erin"));
    const ticket = await passwordStep("erin");
    expect((await attempt({ ticket, code: "123456" })).outcome).toBe("bad-code");
    const next = codeAt(secret, Date.now() + STEP);
    const signedIn = await attempt({ ticket, code: next });
    expect(signedIn).toMatchObject({ outcome: "ok", id: people.ids.erin });
    // The same code again, even with a fresh ticket, is refused.
    expect((await attempt({ ticket: await passwordStep("erin"), code: next })).outcome).toBe("bad-code");
    // A ticket from elsewhere is not one.
    expect((await attempt({ ticket: `${ticket}x`, code: next })).outcome).toBe("expired");
  });

  it("wrong codes are throttled like passwords, per account and address", async () => {
    await enrol(people.viewer("frank"));
    const ticket = await passwordStep("frank", "127.0.0.41");
    for (let i = 0; i < ACCOUNT_AT_ADDRESS.limit; i++) {
      expect((await attempt({ ticket, code: "000000" }, "127.0.0.41")).outcome).toBe("bad-code");
    }
    expect((await attempt({ ticket, code: "000000" }, "127.0.0.41")).outcome).toBe("throttled");
  });

  it("a recovery code signs in once", async () => {
    const { codes } = await enrol(people.viewer("bob"));
    const code = (codes[3] as string).toUpperCase();
    expect((await attempt({ ticket: await passwordStep("bob"), code })).outcome).toBe("ok");
    expect((await attempt({ ticket: await passwordStep("bob"), code })).outcome).toBe("bad-code");
    expect((await secondFactorStatus(people.viewer("bob"))).recoveryCodesLeft).toBe(9);
    expect((await attempt({ ticket: await passwordStep("bob"), code: codes[4] as string })).outcome).toBe("ok");
  });

  it("without a factor the password alone signs in; removal needs a code and is audited", async () => {
    expect((await attempt({ login: "vera", password: PASSWORD })).outcome).toBe("ok");
    const viewer = people.viewer("vera");
    const { secret } = await enrol(viewer);
    await expect(disableSecondFactor(viewer, { code: "000000" }, "127.0.0.42")).rejects.toThrow(/not right/);
    expect((await secondFactorStatus(viewer)).enabledAt).not.toBeNull();
    await disableSecondFactor(viewer, { code: codeAt(secret, Date.now() + STEP) }, "127.0.0.42");
    expect((await secondFactorStatus(viewer)).enabledAt).toBeNull();
    expect((await attempt({ login: "vera", password: PASSWORD })).outcome).toBe("ok");
    const rows = await test.owner.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, viewer.id));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["mfa.enable", "mfa.disable"]));
  });

  it("REQUIRE_ADMIN_MFA stops an admin's console actions and token creation until they enrol", async () => {
    const admin = people.viewer("admin");
    const role = formOf({ name: "mfa-gated", description: "", reason: "" });
    process.env.REQUIRE_ADMIN_MFA = "true";
    expect(mustEnrolFirst(admin)).toBe(true);
    expect(mustEnrolFirst(people.viewer("dave"))).toBe(false);
    session.viewer = admin;
    expect(await createRoleAction({ status: "idle" }, role)).toMatchObject({
      status: "error",
      error: expect.stringMatching(/two-factor/),
    });
    await expect(createOwnToken(admin, { name: "x", expiresAt: new Date(Date.now() + 86_400_000) })).rejects.toThrow(
      /two-factor/,
    );
    const [made] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from custom_roles where name = 'mfa-gated'`,
    );
    expect(made?.n).toBe(0);

    await enrol(admin);
    expect(mustEnrolFirst(admin)).toBe(true);
    expect(mustEnrolFirst((await loadViewerById(test.handle.db, admin.id))!)).toBe(false);
    delete process.env.REQUIRE_ADMIN_MFA;
    expect(mustEnrolFirst(people.viewer("root"))).toBe(false);
  });
});

function formOf(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}
