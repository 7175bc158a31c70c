// Sessions one can see and end (a row per sign-in, checked with the user on every request), the
// idle and absolute limits, and a password change that signs out the other sessions.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { DEFAULT_DEMO_PASSWORD } from "@/db/seed";
import { loadViewerBySession } from "@/lib/auth/principal";
import {
  changeOwnPassword,
  endAllSessionsOf,
  endOtherSessions,
  endOwnSession,
  endSession,
  endSessionForSignOut,
  listOwnSessions,
  startSession,
} from "@/lib/auth/sessions";
import { checkCredentials } from "@/lib/auth/sign-in";
import { ACCOUNT_AT_ADDRESS } from "@/lib/auth/throttle";
import { startViewAs } from "@/lib/rbac/view-as";
import { Forbidden, Invalid, NotFound, TooManyTries } from "@/lib/errors";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { demoPeople, type DemoPeople, type DemoUsername } from "../support/fixture";

const IDLE_MINUTES = 60;
const client = { address: "127.0.0.1", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0" };

describe.each(DATABASE_KINDS)("sessions on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
  });
  afterAll(() => test?.dispose());

  const signIn = (username: DemoUsername) => startSession(test.owner.db, people.ids[username], client);
  const viewerOf = (username: DemoUsername, sessionId: string) =>
    loadViewerBySession(
      test.owner.db,
      people.ids[username],
      sessionId,
      people.viewer(username).sessionVersion,
      IDLE_MINUTES,
    );
  const age = (sessionId: string, column: "last_seen_at" | "expires_at", minutes: number) =>
    test.owner.db.execute(
      sql`update user_sessions set ${sql.raw(column)} = now() - make_interval(mins => ${minutes}) where id = ${sessionId}`,
    );

  it("a session counts until it is ended, and ending one leaves the others", async () => {
    const [laptop, phone] = [await signIn("alice"), await signIn("alice")];
    expect((await viewerOf("alice", laptop))?.username).toBe("alice");
    await endOwnSession(people.viewer("alice"), laptop);
    expect(await viewerOf("alice", laptop)).toBeNull();
    expect((await viewerOf("alice", phone))?.username).toBe("alice");
    const listed = await listOwnSessions(people.viewer("alice"), phone);
    expect(listed.map((s) => s.id)).toContain(phone);
    expect(listed.map((s) => s.id)).not.toContain(laptop);
    expect(listed.find((s) => s.id === phone)?.current).toBe(true);
  });

  it("nobody ends or lists another user's session, and a session names one user only", async () => {
    const alices = await signIn("alice");
    await expect(endOwnSession(people.viewer("bob"), alices)).rejects.toBeInstanceOf(NotFound);
    expect((await listOwnSessions(people.viewer("bob"), null)).map((s) => s.id)).not.toContain(alices);
    expect(await viewerOf("alice", alices)).not.toBeNull();
    expect(await viewerOf("bob", alices)).toBeNull();
  });

  it("signing out ends the session; a session version bump ends them all", async () => {
    const session = await signIn("bob");
    await endSession(test.owner.db, session, "signed out");
    expect(await viewerOf("bob", session)).toBeNull();
    const other = await signIn("bob");
    expect(
      await loadViewerBySession(test.owner.db, people.ids.bob, other, people.viewer("bob").sessionVersion + 1, 60),
    ).toBeNull();
  });

  it("the idle timeout and the absolute lifetime end a session; a visit keeps it alive", async () => {
    const idle = await signIn("erin");
    await age(idle, "last_seen_at", IDLE_MINUTES + 1);
    expect(await viewerOf("erin", idle)).toBeNull();

    const old = await signIn("erin");
    await age(old, "expires_at", 1);
    expect(await viewerOf("erin", old)).toBeNull();

    const active = await signIn("erin");
    await age(active, "last_seen_at", IDLE_MINUTES - 5);
    expect(await viewerOf("erin", active)).not.toBeNull();
    const [seen] = await queryRows<{ minutes: number }>(
      test.owner.db,
      sql`select extract(epoch from now() - last_seen_at)::int / 60 as minutes from user_sessions where id = ${active}`,
    );
    expect(seen?.minutes).toBe(0);
  });

  it("ending all other sessions keeps this one", async () => {
    const [here, there, elsewhere] = [await signIn("frank"), await signIn("frank"), await signIn("frank")];
    expect(await endOtherSessions(people.viewer("frank"), here)).toBeGreaterThanOrEqual(2);
    expect(await viewerOf("frank", here)).not.toBeNull();
    expect(await viewerOf("frank", there)).toBeNull();
    expect(await viewerOf("frank", elsewhere)).toBeNull();
  });

  it("an admin ends every session of a user, audited; nobody else may", async () => {
    const [one, two] = [await signIn("dave"), await signIn("dave")];
    await expect(endAllSessionsOf(people.viewer("carol"), people.ids.dave)).rejects.toBeInstanceOf(Forbidden);
    expect(await viewerOf("dave", one)).not.toBeNull();
    expect(await endAllSessionsOf(people.viewer("admin"), people.ids.dave)).toBeGreaterThanOrEqual(2);
    expect(await viewerOf("dave", one)).toBeNull();
    expect(await viewerOf("dave", two)).toBeNull();
    const [audit] = await queryRows<{ actor: string; after: { sessions_ended: number } }>(
      test.owner.db,
      sql`select actor_username as actor, after from audit_log
          where action = 'user.sessions_end' and target_id = ${people.ids.dave} order by created_at desc limit 1`,
    );
    expect(audit?.actor).toBe("admin");
    expect(audit?.after.sessions_ended).toBeGreaterThanOrEqual(2);
  });

  it("a password change needs the current password and a strong new one, and signs out the others", async () => {
    const vera = people.viewer("vera");
    const [here, there] = [await signIn("vera"), await signIn("vera")];
    const refused = async (input: { current: string; next: string }, field: string) => {
      const error = await changeOwnPassword(vera, input, here, "127.0.0.60").then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Invalid);
      expect((error as Invalid).errors?.map((e) => e.field)).toEqual([field]);
    };
    await refused({ current: "not-the-password", next: "a-much-better-secret-42" }, "current");
    await refused({ current: DEFAULT_DEMO_PASSWORD, next: "short-1" }, "next");
    await refused({ current: DEFAULT_DEMO_PASSWORD, next: "Password1234" }, "next");
    await refused({ current: DEFAULT_DEMO_PASSWORD, next: "my-name-is-vera-ok" }, "next");
    // Refusals changed nothing.
    expect(await viewerOf("vera", there)).not.toBeNull();

    expect(
      await changeOwnPassword(
        vera,
        { current: DEFAULT_DEMO_PASSWORD, next: "a-much-better-secret-42" },
        here,
        "127.0.0.60",
      ),
    ).toBe(1);
    expect(await viewerOf("vera", here)).not.toBeNull();
    expect(await viewerOf("vera", there)).toBeNull();
    const headers = new Headers({ "x-forwarded-for": "127.0.0.77" });
    expect((await checkCredentials({ login: "vera", password: "a-much-better-secret-42" }, headers)).id).toBe(vera.id);
    await expect(checkCredentials({ login: "vera", password: DEFAULT_DEMO_PASSWORD }, headers)).rejects.toThrow();
    const [audit] = await queryRows<{ n: number }>(
      test.owner.db,
      sql`select count(*)::int as n from audit_log where action = 'user.password_change' and target_id = ${vera.id}`,
    );
    expect(audit?.n).toBe(1);
  });

  it("a view-as preview is recorded on the admin's session row and listed until it may no longer be browsed", async () => {
    const [desk, phone] = [await signIn("admin"), await signIn("admin")];
    const admin = await viewerOf("admin", desk);
    expect(admin?.sessionId).toBe(desk);
    await startViewAs(admin!, people.ids.carol);
    const listed = await listOwnSessions(people.viewer("admin"), desk);
    expect(listed.find((s) => s.id === desk)?.viewAs).toMatchObject({ username: "carol" });
    expect(listed.find((s) => s.id === phone)?.viewAs).toBeNull();
    const until = listed.find((s) => s.id === desk)?.viewAs?.until;
    expect(until!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(until!.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000 + 5_000);

    // A preview started with an API token (no session) marks no session.
    await startViewAs(people.viewer("admin"), people.ids.dave);
    const again = await listOwnSessions(people.viewer("admin"), desk);
    expect(again.map((s) => s.viewAs?.username ?? null).filter(Boolean)).toEqual(["carol"]);

    await test.handle.db.execute(
      sql`update user_sessions set view_as_until = now() - interval '1 second' where id = ${desk}`,
    );
    const later = await listOwnSessions(people.viewer("admin"), desk);
    expect(later.find((s) => s.id === desk)?.viewAs).toBeNull();
  });

  it("guesses at the current password are throttled with sign-in's budget for the account at the address", async () => {
    const dev = people.viewer("dev");
    const keep = await signIn("dev");
    const change = (current: string, address: string) =>
      changeOwnPassword(dev, { current, next: "another-fine-secret-77" }, keep, address).then(
        () => "changed",
        (e: unknown) => e,
      );
    for (let i = 0; i < ACCOUNT_AT_ADDRESS.limit; i++) {
      expect(await change(`wrong-guess-${i}`, "127.0.0.61")).toBeInstanceOf(Invalid);
    }
    // Locked now: even the right password is refused, with when to retry, and changes nothing.
    const refused = await change(DEFAULT_DEMO_PASSWORD, "127.0.0.61");
    expect(refused).toBeInstanceOf(TooManyTries);
    expect((refused as TooManyTries).status).toBe(429);
    expect((refused as TooManyTries).message).toMatch(/^Too many wrong passwords\. Try again in \d+ minute/);
    // The same budget as signing in: dev cannot sign in from that address either...
    const from = (address: string) => new Headers({ "x-forwarded-for": address });
    await expect(
      checkCredentials({ login: "dev", password: DEFAULT_DEMO_PASSWORD }, from("127.0.0.61")),
    ).rejects.toThrow(/throttled/);
    // ...but may from another address, and another account from the locked address is not blocked.
    expect((await checkCredentials({ login: "dev", password: DEFAULT_DEMO_PASSWORD }, from("127.0.0.62"))).id).toBe(
      dev.id,
    );
    expect((await checkCredentials({ login: "dave", password: DEFAULT_DEMO_PASSWORD }, from("127.0.0.61"))).id).toBe(
      people.ids.dave,
    );
    expect(await change(DEFAULT_DEMO_PASSWORD, "127.0.0.62")).toBe("changed");
  });

  it("signing out ends the row; a database error is logged and answered, never swallowed", async () => {
    const here = await signIn("carol");
    expect(await endSessionForSignOut(here)).toBe(true);
    expect(await viewerOf("carol", here)).toBeNull();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Not a uuid: the database refuses the statement, as it would any failure.
      expect(await endSessionForSignOut("not-a-session-id")).toBe(false);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("not-a-session-id"), expect.anything());
    } finally {
      logged.mockRestore();
    }
  });
});
