import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as exportApi } from "@/app/api/v1/sales/export/route";
import { GET as list } from "@/app/api/v1/sales/route";
import type { Viewer } from "@/lib/auth/principal";
import { exportSalesCsv } from "@/lib/sales/export";
import { listSales } from "@/lib/sales/queries";
import { saleJson, SALE_JSON_FIELDS } from "@/lib/sales/records";
import { DATABASE_KINDS, demoDatabase, type TestDatabase } from "../support/databases";
import { apiRequest, type DemoPeople, demoPeople, noParams, type DemoUsername } from "../support/fixture";

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

  const exportAs = (username: DemoUsername, query = "") =>
    exportApi(apiRequest("GET", `/api/v1/sales/export${query}`, people.tokens[username]), noParams);

  /** Every row of the list, page by page through the API, as CSV cells. */
  async function listedRows(username: DemoUsername, query: string): Promise<string[][]> {
    const rows: string[][] = [];
    for (let page = 1; ; page++) {
      const response = await list(
        apiRequest("GET", `/api/v1/sales?page_size=200&page=${page}${query}`, people.tokens[username]),
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
    const text = await new Response(exportSalesCsv(admin, { region: "APAC" }, 7)).text();
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
    for (const username of ["alice", "dave", "vera", "dev"] as const)
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
    // Stored as they are: the API and the forms trim a leading tab, but a row written by any other
    // path (SQL, an import) still reaches the export.
    for (const customer of tricky)
      await test.owner.db.execute(
        sql`insert into sales (id, owner_id, customer, product, region, amount, status, closed_at)
            values (gen_random_uuid(), ${people.ids.alice}, ${customer}, ${"=cmd|' /C calc'!A0"},
                    'EMEA', 1.00, 'open', '2030-01-01')`,
      );
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
    const viaApi = await exportAs("carol", "?status=lost");
    expect(await viaPage.text()).toBe(await viaApi.text());
  });
});
