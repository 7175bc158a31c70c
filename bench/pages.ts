// Where a page's time goes: the app server's and PostgreSQL's CPU per request, under the same 16
// clients, for the framework floor, the floor after resolving the viewer, the floor inside the
// signed-in shell, and three real pages (the busiest rep's sales list and overview, an admin's
// page of that rep). Each step up the ladder is what one more layer costs; the floors are the
// same build's pages returning the same fixed text (BENCH_FLOORS=on).
import { formatCount } from "@/lib/sales/format";
import { cpuBetween, sampleCpu } from "./cpu";
import type { OwnerClient } from "./database";
import { pageFloor, responseBytes } from "./floors";
import type { HttpContext } from "./http";
import { load } from "./load";
import { BENCH_PASSWORD, PARTS, SCOPE_VIEWERS, benchUsername } from "./population";
import { progress } from "./progress";
import { buildApp, startApp } from "./server";
import { signIn } from "./signin";
import { figure, inRounds, type Figure } from "./stats";
import { expectedCount, userIdOf } from "./viewers";

const SECONDS = 5;

interface Rung {
  id: string;
  label: string;
  url: string;
  cookie: string;
  /** What the answer must hold, so a page that quietly failed is never measured. */
  expect: string;
}

async function ladder(origin: string, owner: OwnerClient): Promise<Rung[]> {
  const rep = await signIn(origin, SCOPE_VIEWERS.own, BENCH_PASSWORD);
  const admin = await signIn(origin, benchUsername(PARTS.admin), BENCH_PASSWORD);
  const repId = await userIdOf(owner, SCOPE_VIEWERS.own);
  const total = await expectedCount(owner, new Set([repId]));
  const salesBytes = await responseBytes(`${origin}/sales`, { cookie: rep });
  // The floors' text is sized so the bare floor answers as many bytes as the sales page.
  const floor = await pageFloor(origin, salesBytes);
  const text = new URL(floor.url).search;
  return [
    {
      id: "floor",
      label: "/bench/floor (framework floor)",
      url: floor.url,
      cookie: rep,
      expect: "Ledgerline floor body",
    },
    {
      id: "viewer",
      label: "/bench/floor/viewer (the floor after resolving the viewer)",
      url: `${origin}/bench/floor/viewer${text}`,
      cookie: rep,
      expect: "Ledgerline floor body",
    },
    {
      id: "shell",
      label: "/bench/shell (the floor inside the signed-in shell)",
      url: `${origin}/bench/shell${text}`,
      cookie: rep,
      expect: "Sign out",
    },
    {
      id: "sales",
      label: "/sales, busiest rep",
      url: `${origin}/sales`,
      cookie: rep,
      expect: `${formatCount(total)} in total`,
    },
    { id: "overview", label: "/ (overview), busiest rep", url: `${origin}/`, cookie: rep, expect: "Key figures" },
    {
      id: "admin-user",
      label: "/admin/users/[id] (the busiest rep), admin",
      url: `${origin}/admin/users/${repId}`,
      cookie: admin,
      expect: SCOPE_VIEWERS.own,
    },
  ];
}

async function check(rung: Rung): Promise<string> {
  const response = await fetch(rung.url, { headers: { cookie: rung.cookie }, redirect: "manual" });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${rung.url} answered ${response.status}`);
  if (!html.includes(rung.expect)) throw new Error(`${rung.url} does not show "${rung.expect}"`);
  return `${formatCount(Buffer.byteLength(html))} bytes, shows "${rung.expect}" ✓`;
}

export async function measurePages(context: HttpContext): Promise<Figure[]> {
  await buildApp(context.skipBuild);
  const server = await startApp(context.url);
  try {
    const rungs = await ladder(server.origin, context.owner);
    const details = new Map<string, string>();
    for (const rung of rungs) {
      details.set(rung.id, await check(rung));
      progress(`pages: warming up ${rung.label}`);
      await load(context.owner, rung.url, { cookie: rung.cookie }, 2);
    }
    const results = await inRounds(context.rounds, async (round) => {
      const values: Record<string, number> = {};
      // Alternating the order, so no rung always runs on a machine the one before it warmed.
      for (const rung of round % 2 === 0 ? rungs : [...rungs].reverse()) {
        progress(`pages: ${rung.label}, round ${round + 1}/${context.rounds}`);
        const before = await sampleCpu(context.owner, server.pid);
        const result = await load(context.owner, rung.url, { cookie: rung.cookie }, SECONDS);
        const spent = cpuBetween(before, await sampleCpu(context.owner, server.pid));
        values[`${rung.id}.server`] = spent.server / result.requests;
        values[`${rung.id}.db`] = spent.database / result.requests;
        values[`${rung.id}.rps`] = result.requestsPerSecond;
      }
      return values;
    });
    const series = (id: string) => results[id] ?? [];
    return rungs.flatMap((rung) => [
      figure({
        id: `pages.${rung.id}.server`,
        section: "pages",
        label: `${rung.label}: app server CPU per request`,
        unit: "ms",
        rounds: series(`${rung.id}.server`),
        detail: details.get(rung.id),
        floor: rung.id === "floor" ? undefined : "pages.floor.server",
      }),
      figure({
        id: `pages.${rung.id}.db`,
        section: "pages",
        label: `${rung.label}: PostgreSQL CPU per request`,
        unit: "ms",
        rounds: series(`${rung.id}.db`),
      }),
      figure({
        id: `pages.${rung.id}.rps`,
        section: "pages",
        label: `${rung.label}: requests/s`,
        unit: "req/s",
        rounds: series(`${rung.id}.rps`),
        floor: rung.id === "floor" ? undefined : "pages.floor.rps",
      }),
    ]);
  } finally {
    await server.stop();
  }
}
