// Full HTTP against the production build: the REST list (Bearer token) and the sales page (session
// cookie) for each scope under 16 concurrent clients, each next to its framework floor (a route
// handler or page of the same build returning a body of the same size, bench/floors.ts) measured
// in the same rounds; the cost of row security per request, and the CSV download.
import type { DatabaseHandle } from "@/db/client";
import { insertToken } from "@/lib/auth/tokens";
import { formatCount } from "@/lib/sales/format";
import type { OwnerClient } from "./database";
import { measureHttpExport } from "./export-http";
import { apiFloor, pageFloor, responseBytes, type SizedFloor } from "./floors";
import { CONNECTIONS, load } from "./load";
import { BENCH_PASSWORD } from "./population";
import { progress } from "./progress";
import { setRowSecurity } from "./rls";
import { buildApp, startApp } from "./server";
import { signIn } from "./signin";
import { expectRows, figure, inRounds, type Figure } from "./stats";
import { expectedCount, type ScopedViewer } from "./viewers";

export interface HttpContext {
  owner: OwnerClient;
  handle: DatabaseHandle;
  url: string;
  viewers: ScopedViewer[];
  rounds: number;
  skipBuild: boolean;
}

interface Target {
  id: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  minRps: number;
  /** The most times slower than its floor it may be (the floor's requests/s over its own). */
  maxFloorRatio: number;
  floor(bytes: number): Promise<SizedFloor>;
  check(): Promise<string>;
}

interface Floored extends Target {
  floorUrl: string;
  floorDetail: string;
}

const SECONDS = 6;
const RLS_SECONDS = 4;
const MAX_P99_MS = 150;

async function targetsFor(origin: string, context: HttpContext, scoped: ScopedViewer): Promise<Target[]> {
  const total = await expectedCount(context.owner, scoped.owners);
  const { token } = await insertToken(context.handle.db, scoped.viewer.id, { name: "bench" });
  const cookie = await signIn(origin, scoped.viewer.username, BENCH_PASSWORD);
  const api: Target = {
    id: `http.api.${scoped.scope}`,
    label: `GET /api/v1/sales, ${scoped.scope}`,
    url: `${origin}/api/v1/sales`,
    headers: { authorization: `Bearer ${token}` },
    minRps: 500,
    maxFloorRatio: 2,
    floor: (bytes) => apiFloor(origin, bytes),
    async check() {
      const response = await fetch(this.url, { headers: this.headers });
      const body = (await response.json()) as { total: number; items: { owner_id: string }[] };
      expectRows(`API total (${scoped.scope})`, body.total, total);
      const leaked = scoped.owners ? body.items.filter((item) => !scoped.owners?.has(item.owner_id)).length : 0;
      expectRows(`rows leaked by the API (${scoped.scope})`, leaked, 0);
      return expectRows(`API page (${scoped.scope})`, body.items.length, Math.min(50, total));
    },
  };
  const page: Target = {
    id: `http.page.${scoped.scope}`,
    label: `GET /sales (page), ${scoped.scope}`,
    url: `${origin}/sales`,
    headers: { cookie },
    minRps: 150,
    maxFloorRatio: 2.5,
    floor: (bytes) => pageFloor(origin, bytes),
    async check() {
      const response = await fetch(this.url, { headers: this.headers, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`/sales answered ${response.status} for ${scoped.scope}`);
      if (!html.includes(`${formatCount(total)} in total`))
        throw new Error(`/sales does not show ${total} sales for ${scoped.scope}`);
      return `shows ${formatCount(total)} in total ✓`;
    },
  };
  return [api, page];
}

async function withFloor(target: Target): Promise<Floored> {
  const bytes = await responseBytes(target.url, target.headers);
  const floor = await target.floor(bytes);
  return {
    ...target,
    floorUrl: floor.url,
    floorDetail: `${floor.bytes.toLocaleString("en")} bytes, as the real answer's ${bytes.toLocaleString("en")}`,
  };
}

async function measureLoad(owner: OwnerClient, targets: Target[], rounds: number): Promise<Figure[]> {
  const details = new Map<string, string>();
  const floored: Floored[] = [];
  for (const target of targets) {
    details.set(target.id, await target.check());
    floored.push(await withFloor(target));
    progress(`http: warming up ${target.label} and its floor`);
    await load(owner, target.url, target.headers, 2);
    await load(owner, floored.at(-1)?.floorUrl ?? target.url, target.headers, 2);
  }
  const results = await inRounds(rounds, async (round) => {
    const values: Record<string, number> = {};
    for (const target of floored) {
      progress(`http: ${target.label} and its floor, round ${round + 1}/${rounds}`);
      // Alternating which goes first, so neither always runs on a machine the other warmed.
      const runs = [
        { id: target.id, url: target.url },
        { id: `${target.id}.floor`, url: target.floorUrl },
      ];
      for (const run of round % 2 === 0 ? runs : runs.reverse()) {
        const result = await load(owner, run.url, target.headers, SECONDS);
        values[`${run.id}.rps`] = result.requestsPerSecond;
        values[`${run.id}.p50`] = result.p50;
        values[`${run.id}.p99`] = result.p99;
      }
      values[`${target.id}.floor-ratio`] =
        (values[`${target.id}.floor.rps`] ?? NaN) / (values[`${target.id}.rps`] ?? NaN);
    }
    return values;
  });
  const series = (id: string) => results[id] ?? [];
  return floored.flatMap((target) => [
    figure({
      id: `${target.id}.rps`,
      section: "http",
      label: `${target.label}: requests/s`,
      unit: "req/s",
      rounds: series(`${target.id}.rps`),
      target: { op: ">=", value: target.minRps },
      detail: details.get(target.id),
      floor: `${target.id}.floor.rps`,
    }),
    figure({
      id: `${target.id}.floor-ratio`,
      section: "http",
      label: `${target.label}: floor's requests/s ÷ its own, same round`,
      unit: "×",
      rounds: series(`${target.id}.floor-ratio`),
      target: { op: "<=", value: target.maxFloorRatio },
    }),
    figure({
      id: `${target.id}.p50`,
      section: "http",
      label: `${target.label}: p50`,
      unit: "ms",
      rounds: series(`${target.id}.p50`),
      floor: `${target.id}.floor.p50`,
    }),
    figure({
      id: `${target.id}.p99`,
      section: "http",
      label: `${target.label}: p99`,
      unit: "ms",
      rounds: series(`${target.id}.p99`),
      target: { op: "<=", value: MAX_P99_MS },
      floor: `${target.id}.floor.p99`,
    }),
    ...(["rps", "p50", "p99"] as const).map((measure) =>
      figure({
        id: `${target.id}.floor.${measure}`,
        section: "http",
        label: `floor of ${target.label}: ${measure === "rps" ? "requests/s" : measure}`,
        unit: measure === "rps" ? "req/s" : "ms",
        rounds: series(`${target.id}.floor.${measure}`),
        detail: measure === "rps" ? `${new URL(target.floorUrl).pathname}, ${target.floorDetail}` : undefined,
      }),
    ),
  ]);
}

/** Mean latency with the policies on ÷ off, for the API list, alternating which goes first. */
async function measureRowSecurity(owner: OwnerClient, targets: Target[], rounds: number): Promise<Figure[]> {
  const results = await inRounds(rounds, async (round) => {
    progress(`http: row security on and off, round ${round + 1}/${rounds}`);
    const latency: Record<string, { on?: number; off?: number }> = {};
    for (const enabled of round % 2 === 0 ? [true, false] : [false, true]) {
      await setRowSecurity(owner, enabled);
      for (const target of targets) {
        if (!enabled) await target.check();
        const result = await load(owner, target.url, target.headers, RLS_SECONDS);
        latency[target.id] = { ...latency[target.id], [enabled ? "on" : "off"]: result.meanLatency };
      }
    }
    await setRowSecurity(owner, true);
    return Object.fromEntries(targets.map((t) => [t.id, (latency[t.id]?.on ?? NaN) / (latency[t.id]?.off ?? NaN)]));
  });
  return targets.map((target) =>
    figure({
      id: `rls.${target.id}`,
      section: "http",
      label: `row security cost, ${target.label}: mean latency with ÷ without policies`,
      unit: "×",
      rounds: results[target.id] ?? [],
      target: { op: "<=", value: 1.25 },
    }),
  );
}

export async function measureHttp(context: HttpContext): Promise<Figure[]> {
  await buildApp(context.skipBuild);
  const server = await startApp(context.url);
  try {
    const targets: Target[] = [];
    for (const scoped of context.viewers) targets.push(...(await targetsFor(server.origin, context, scoped)));
    progress(`http: ${CONNECTIONS} connections, ${SECONDS} s per run`);
    const figures = await measureLoad(context.owner, targets, context.rounds);
    const apiTargets = targets.filter((target) => target.id.startsWith("http.api."));
    figures.push(...(await measureRowSecurity(context.owner, apiTargets, context.rounds)));
    figures.push(...(await measureHttpExport(server, context)));
    return figures;
  } finally {
    await setRowSecurity(context.owner, true);
    await server.stop();
  }
}
