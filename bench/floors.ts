// The floors every figure is compared with, measured in the same run: the database floor (the
// sales list's 50-row indexed read sent by a bare postgres.js client in a loop, no app code, no
// transaction, no row security) and the framework floors (GET /api/bench/floor and /bench/floor,
// a route handler and a server-rendered page of the same build returning a fixed body as large as
// the real answer; served only with BENCH_FLOORS=on).
import postgres from "postgres";
import type { OwnerClient } from "./database";
import type { Scenario } from "./scenarios";
import { PAGE_SIZE } from "./scenarios";
import { expectRows } from "./stats";
import { expectedCount, type ScopedViewer } from "./viewers";

/** A bare client: one connection, prepared statements, nothing of the app's. */
export function floorClient(url: string): postgres.Sql {
  return postgres(url, {
    max: 1,
    prepare: true,
    onnotice: () => {},
    connection: { application_name: "ledgerline-floor" },
  });
}

/** The first page of the list as `listSales` reads it (same columns, join, scope, order, limit). */
export async function databaseFloorScenario(
  client: postgres.Sql,
  owner: OwnerClient,
  scoped: ScopedViewer,
): Promise<Scenario> {
  const total = await expectedCount(owner, scoped.owners);
  const { viewer } = scoped;
  const read = () => client<{ owner_id: string }[]>`
    select s.id, s.owner_id, u.username, s.customer, s.product, s.region, s.amount, s.status,
      s.closed_at, s.created_at, s.updated_at
    from sales s inner join users u on u.id = s.owner_id
    where ${
      scoped.scope === "own"
        ? client`s.owner_id = ${viewer.id}`
        : scoped.scope === "team"
          ? client`s.owner_id in (select id from users where team = ${viewer.team ?? ""})`
          : client`true`
    }
    order by s.closed_at desc, s.id desc
    limit ${PAGE_SIZE}`;
  return {
    run: read,
    async check() {
      const rows = await read();
      const leaked = scoped.owners ? rows.filter((row) => !scoped.owners?.has(row.owner_id)).length : 0;
      expectRows(`rows leaked by the floor read (${scoped.scope})`, leaked, 0);
      return `${expectRows(`floor read (${scoped.scope})`, rows.length, Math.min(PAGE_SIZE, total))}, one statement`;
    },
  };
}

/** The uncompressed size of an answer, as autocannon (which asks for no compression) receives it. */
export async function responseBytes(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers: { ...headers, "accept-encoding": "identity" }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return (await response.arrayBuffer()).byteLength;
}

export interface SizedFloor {
  url: string;
  /** What the floor answers, against the size it was made to match. */
  bytes: number;
}

/** The API floor: a JSON body of exactly the real answer's size. */
export async function apiFloor(origin: string, bytes: number): Promise<SizedFloor> {
  const url = `${origin}/api/bench/floor?bytes=${bytes}`;
  return { url, bytes: await responseBytes(url, {}) };
}

/**
 * The page floor: the page's text is sent twice (the HTML and the RSC payload) inside the
 * framework's own markup, so the text length that makes the response as large as the real page is
 * found from two probes (the answer grows linearly with it), then checked.
 */
export async function pageFloor(origin: string, bytes: number): Promise<SizedFloor> {
  const sized = (text: number) => `${origin}/bench/floor?bytes=${text}`;
  const empty = await responseBytes(sized(0), {});
  const probe = await responseBytes(sized(bytes), {});
  const perChar = (probe - empty) / bytes;
  const text = Math.max(0, Math.round((bytes - empty) / perChar));
  const url = sized(text);
  const answered = await responseBytes(url, {});
  if (Math.abs(answered - bytes) > bytes * 0.02)
    throw new Error(`the page floor answers ${answered} bytes, not about ${bytes}`);
  return { url, bytes: answered };
}
