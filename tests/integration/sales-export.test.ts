import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { queryRows, useDatabase } from "@/db/client";
import { copyTextColumn } from "@/db/copy";
import { GET as exportApi } from "@/app/api/v1/sales/export/route";
import { GET as list } from "@/app/api/v1/sales/route";
import type { Viewer } from "@/lib/auth/principal";
import { exportSalesCsv } from "@/lib/sales/export";
import { createSale } from "@/lib/sales/mutations";
import { listSales } from "@/lib/sales/queries";
import { saleJson, SALE_JSON_FIELDS } from "@/lib/sales/records";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, demoPeople, noParams, type DemoPeople } from "./sales-support";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));
const { GET: exportPage } = await import("@/app/(app)/sales/export/route");

/** A small RFC 4180 reader: quoted cells, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

describe.each(DATABASE_KINDS)("exporting sales on %s", (kind) => {
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

  const exportAs = (username: string, query = "") =>
    exportApi(apiRequest("GET", `/api/v1/sales/export${query}`, people.token(username)), noParams);

  /** Every row of the list, page by page through the API, as CSV cells. */
  async function listedRows(username: string, query: string): Promise<string[][]> {
    const rows: string[][] = [];
    for (let page = 1; ; page++) {
      const response = await list(
        apiRequest("GET", `/api/v1/sales?page_size=200&page=${page}${query}`, people.token(username)),
        noParams,
      );
      const body = (await response.json()) as { items: Record<string, string | number>[] };
      rows.push(...body.items.map((item) => SALE_JSON_FIELDS.map((field) => String(item[field]))));
      if (body.items.length < 200) return rows;
    }
  }

  it("carol's CSV is the header plus exactly her list, in the list's order", async () => {
    for (const query of ["", "&status=won&region=EMEA", "&q=corp&min_amount=1000"]) {
      const response = await exportAs("carol", query.replace(/^&/, "?"));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="sales-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(response.headers.get("cache-control")).toContain("no-store");
      const [header, ...rows] = parseCsv(await response.text());
      expect(header).toEqual([...SALE_JSON_FIELDS]);
      expect(rows).toEqual(await listedRows("carol", query));
    }
  });

  it("keyset batches join up: a tiny batch size exports the same rows as one big list", async () => {
    const admin = people.viewer("admin");
    const text = await new Response(exportSalesCsv(admin, { region: "APAC" }, { batchSize: 7, copy: false })).text();
    const [, ...rows] = parseCsv(text);
    const all = await listSales(admin, {
      filters: { region: "APAC" },
      sort: { column: "closed_at", descending: true },
      page: 1,
      pageSize: 10_000,
    });
    expect(rows).toEqual(all.items.map((sale) => SALE_JSON_FIELDS.map((field) => String(saleJson(sale)[field]))));
    expect(rows.length).toBeGreaterThan(7 * 3);
  });

  it("is 403 without export:read, and 401 without a token", async () => {
    for (const username of ["alice", "dave", "vera", "dev"])
      expect((await exportAs(username)).status, username).toBe(403);
    const anonymous = await exportApi(apiRequest("GET", "/api/v1/sales/export", null), noParams);
    expect(anonymous.status).toBe(401);
  });

  it("neutralises formulas and quotes commas, quotes and line breaks", async () => {
    const tricky = [
      '=HYPERLINK("http://evil","x")',
      "+1+1",
      "-2+3",
      "@SUM(A1)",
      'Quote " and, comma',
      "Line\nbreak",
      "\tTab",
      "Carriage\rreturn",
    ];
    for (const customer of tricky)
      await createSale(people.viewer("admin"), {
        owner_id: people.idOf("alice"),
        customer,
        product: "=cmd|' /C calc'!A0",
        region: "EMEA",
        amount: "1.00",
        status: "open",
        closed_at: "2030-01-01",
      });
    const response = await exportAs("admin", "?from=2030-01-01");
    const [, ...rows] = parseCsv(await response.text());
    const customers = rows.map((row) => row[SALE_JSON_FIELDS.indexOf("customer")]);
    expect(customers.sort()).toEqual(
      [
        '\'=HYPERLINK("http://evil","x")',
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        'Quote " and, comma',
        "Line\nbreak",
        "'\tTab",
        "Carriage\rreturn",
      ].sort(),
    );
    expect(rows.every((row) => row[SALE_JSON_FIELDS.indexOf("product")] === "'=cmd|' /C calc'!A0")).toBe(true);
  });

  /** Alice and Dave hold no export:read; the rows an export holds are those of sale:list, so here they may. */
  const exporting = (username: string): Viewer => {
    const viewer = people.viewer(username);
    return {
      ...viewer,
      can: (resource, action) => (resource === "export" && action === "read") || viewer.can(resource, action),
    };
  };
  const bytesOf = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

  it("the COPY and the keyset batches write byte-identical files for one viewer, one manager and one analyst", async () => {
    // On PostgreSQL the export is one COPY; the batches are the embedded database's way.
    expect(Boolean(test.handle.copyClient)).toBe(kind !== "pglite");
    for (const username of ["alice", "carol", "dave"]) {
      const viewer = exporting(username);
      // The formula rows of the test above are among them (from 2030-01-01 on).
      for (const filters of [
        {},
        { status: "won" as const },
        { search: "corp", minAmount: 1000 },
        { from: "2030-01-01" },
      ]) {
        const copied = await bytesOf(exportSalesCsv(viewer, filters));
        const batched = await bytesOf(exportSalesCsv(viewer, filters, { batchSize: 7, copy: false }));
        expect(copied.equals(batched), `${username} ${JSON.stringify(filters)}`).toBe(true);
        const { total } = await listSales(viewer, {
          filters,
          sort: { column: "closed_at", descending: true },
          page: 1,
          pageSize: 1,
        });
        expect(parseCsv(copied.toString("utf8")).length - 1, username).toBe(total);
      }
    }
  });

  it("alice's file holds only her own rows, and a NUL in a filter is refused before any byte", async () => {
    const [, ...rows] = parseCsv((await bytesOf(exportSalesCsv(exporting("alice"), {}))).toString("utf8"));
    const owners = new Set(rows.map((row) => row[SALE_JSON_FIELDS.indexOf("owner_username")]));
    expect([...owners]).toEqual(["alice"]);
    const refused = await exportAs("carol", "?q=%00");
    expect(refused.status).toBe(422);
  });

  it("the sales page's cookie route streams the same CSV for the signed-in viewer, and sends others to the 403 page", async () => {
    const page = (query = "") => exportPage(apiRequest("GET", `/sales/export${query}`, null));
    expect((await page()).status).toBe(303);
    session.viewer = people.viewer("alice");
    // Without the permission, the browser is sent to the app's 403 page, never given a JSON body.
    const refused = await page();
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location") ?? "", "http://localhost").pathname).toBe("/sales/export/denied");
    session.viewer = people.viewer("carol");
    const viaPage = await page("?status=lost&sort=amount&page=3");
    expect(viaPage.status).toBe(200);
    // Read to the end first: an unread download keeps its COPY, and its connection, until it is read.
    const pageText = await viaPage.text();
    const viaApi = await exportAs("carol", "?status=lost");
    expect(viaApi.status).toBe(200);
    expect(pageText).toBe(await viaApi.text());
  });

  it("a download abandoned after its first chunk leaves its connection clean for the next request", async () => {
    const admin = people.viewer("admin");
    for (let i = 0; i < 12; i++) {
      const reader = exportSalesCsv(admin, {}).getReader();
      await reader.read();
      await reader.read();
      await reader.cancel();
    }
    // More abandoned downloads than the pool has connections: each came back out of its COPY and its transaction.
    const carol = people.viewer("carol");
    const page = await listSales(carol, {
      filters: {},
      sort: { column: "closed_at", descending: true },
      page: 1,
      pageSize: 5,
    });
    expect(page.items.length).toBe(5);
    const text = (await bytesOf(exportSalesCsv(carol, {}))).toString("utf8");
    expect(parseCsv(text).length - 1).toBe(page.total);
  });

  it.runIf(kind !== "pglite")(
    "a COPY stopped half-way by DATABASE_EXPORT_TIMEOUT_MS ends its stream with the error and frees its connection",
    async () => {
      useDatabase({ ...test.handle, timeouts: { ...test.handle.timeouts, exportMs: 300 } });
      try {
        for (let i = 0; i < 6; i++) {
          // Rows at once, then a row that takes longer than the timeout.
          const slow = sql`select g::text || case when g = 2000 then pg_sleep(2)::text else '' end
            from generate_series(1, 4000) as g`;
          const stream = await copyTextColumn(people.viewer("carol"), slow);
          const reader = (stream as ReadableStream<Uint8Array>).getReader();
          await expect(
            (async () => {
              for (;;) if ((await reader.read()).done) return "ended";
            })(),
          ).rejects.toThrow(/statement timeout/);
        }
      } finally {
        useDatabase(test.handle);
      }
      // Six failed COPYs on a pool of four: every connection came back usable.
      const page = await listSales(people.viewer("carol"), {
        filters: {},
        sort: { column: "closed_at", descending: true },
        page: 1,
        pageSize: 5,
      });
      expect(page.items.length).toBe(5);
    },
  );

  it.runIf(kind !== "pglite")(
    "a COPY that starts only after the request's deadline is cancelled at once, not left holding its connection",
    async () => {
      useDatabase({ ...test.handle, timeouts: { ...test.handle.timeouts, deadlineMs: 1 } });
      try {
        // More late COPYs than the pool has connections.
        for (let i = 0; i < 6; i++) {
          const rows = sql`select g::text from generate_series(1, 200000) as g`;
          await expect(copyTextColumn(people.viewer("carol"), rows)).rejects.toThrow();
        }
      } finally {
        useDatabase(test.handle);
      }
      const copying = async () =>
        (
          await queryRows<{ n: number }>(
            test.owner.db,
            sql`select count(*)::int as n from pg_stat_activity
              where query like 'copy (%' and state <> 'idle' and pid <> pg_backend_pid()`,
          )
        )[0]?.n;
      const deadline = Date.now() + 20_000;
      while ((await copying()) !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await copying()).toBe(0);
      const page = await listSales(people.viewer("carol"), {
        filters: {},
        sort: { column: "closed_at", descending: true },
        page: 1,
        pageSize: 5,
      });
      expect(page.items.length).toBe(5);
    },
  );
});
