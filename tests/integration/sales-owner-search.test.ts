// The sales page's owner filter asks GET /sales/owners?q= as one types. It answers only people
// owning a sale the signed-in viewer may list, a few at a time, and refuses a viewer without
// sales access or input the database cannot take.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/(app)/sales/owners/route";
import { queryRows } from "@/db/client";
import type { Viewer } from "@/lib/auth/principal";
import { ownersInScope, suggestOwners } from "@/lib/sales/queries";
import { OWNER_SUGGESTIONS } from "@/lib/sales/schemas";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { session } from "../support/session";
import { type DemoPeople, demoPeople, type DemoUsername } from "../support/fixture";

vi.mock("@/lib/auth/viewer", async () => {
  const { session } = await import("../support/session");
  return { getViewer: async () => session.viewer };
});

const usernames = (owners: { username: string }[]) => owners.map((owner) => owner.username);

/** Whom the filter suggests for this input, by username. */
const suggested = async (viewer: Viewer, input: Record<string, string>) =>
  usernames((await suggestOwners(viewer, input)).owners);

describe.each(DATABASE_KINDS)("the owner filter's suggestions on %s", (kind) => {
  let test: TestDatabase;
  let people: DemoPeople;
  /** Every owner of a sale with their team, by username: counted as the owner, apart from the app. */
  let owners: { username: DemoUsername; name: string; team: string | null }[];

  beforeAll(async () => {
    test = await demoDatabase(kind);
    people = await demoPeople(test.owner.db);
    owners = await queryRows(
      test.owner.db,
      sql`select u.username, u.name, u.team from users u
          where exists (select 1 from sales s where s.owner_id = u.id) order by u.username`,
    );
  });
  afterAll(() => test?.dispose());

  const ask = async (username: DemoUsername | null, query: string) => {
    session.viewer = username ? people.viewer(username) : null;
    const response = await GET(new Request(`http://localhost/sales/owners${query}`));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("suggest a manager only the owners of their team, never another team's", async () => {
    const east = owners.filter((owner) => owner.team === "east").map((owner) => owner.username);
    expect(east.length).toBeGreaterThan(1);
    const { status, body } = await ask("carol", "");
    expect(status).toBe(200);
    expect(body).toEqual({ owners: expect.any(Array), more: false });
    expect(usernames(body.owners as { username: DemoUsername }[])).toEqual(east);
    for (const username of ["erin", "frank"] as const) {
      expect(await suggested(people.viewer("carol"), { q: username })).toEqual([]);
      expect(await ownersInScope(people.viewer("carol"), { id: people.ids[username] })).toEqual([]);
    }
  });

  it("match a part of the name or the username, in username order, a few at a time", async () => {
    const dave = people.viewer("dave");
    expect(await suggested(dave, { q: "ALI" })).toEqual(["alice"]);
    const bob = owners.find((owner) => owner.username === "bob");
    const surname = bob?.name.split(" ").at(-1) ?? "";
    expect(await suggested(dave, { q: surname.toLowerCase() })).toContain("bob");
    expect(await suggested(dave, {})).toEqual(owners.slice(0, OWNER_SUGGESTIONS).map((owner) => owner.username));
    // Wildcards are letters here: nobody's name holds a percent sign.
    expect(await suggested(dave, { q: "%" })).toEqual([]);
    expect(usernames(await ownersInScope(dave, { id: people.ids.erin }))).toEqual(["erin"]);
  });

  it("suggest a rep only themselves", async () => {
    expect(await suggested(people.viewer("alice"), {})).toEqual(["alice"]);
    expect(await suggested(people.viewer("alice"), { q: "bob" })).toEqual([]);
  });

  it("refuse a viewer without sales access, the signed-out, and input it cannot take", async () => {
    expect((await ask("vera", "")).status).toBe(403);
    expect((await ask(null, "?q=al")).status).toBe(401);
    for (const query of ["?q=al%00ice", `?q=${"a".repeat(101)}`, "?q=al&owner=1"]) {
      const { status, body } = await ask("dave", query);
      expect({ query, status }).toEqual({ query, status: 422 });
      expect(JSON.stringify(body.errors)).toMatch(/"field":"(q|body)"/);
    }
  });
});
