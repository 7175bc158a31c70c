// The sales list's rows as markup text: what a person typed into a deal reads as text (never as a
// tag or an attribute), each cell names its column, and the cards show what the table shows.
import { describe, expect, it } from "vitest";
import { SALE_LIST_COLUMNS } from "@/lib/sales/columns";
import type { SaleRecord } from "@/lib/sales/records";
import { cardItems, tableRows } from "./sale-rows";

const HOSTILE = `Acme "><img src=x onerror=alert(1)> & O'Brien`;

const sale = (overrides: Partial<SaleRecord> = {}): SaleRecord => ({
  id: "6f1c2a9e-0b7d-4c1e-9a55-3d2f8b7e6a10",
  ownerId: "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f",
  ownerUsername: "alice",
  ownerName: "Alice Adams",
  customer: "Globex",
  product: "Analytics",
  region: "EMEA",
  amount: 1234.5,
  status: "won",
  closedAt: "2026-03-01",
  createdAt: "2026-03-01T10:00:00.000Z",
  updatedAt: "2026-03-01T10:00:00.000Z",
  ...overrides,
});

/** The markup parsed back into the text a reader sees and the tags present, without a browser. */
function tagsIn(html: string): string[] {
  return [...html.matchAll(/<([a-z]+)[\s>]/g)].map((match) => match[1]!);
}

describe("tableRows", () => {
  it("escapes every value typed into a deal or a profile", () => {
    const rows = tableRows(
      [sale({ customer: HOSTILE, product: HOSTILE, region: HOSTILE, ownerName: HOSTILE, ownerUsername: HOSTILE })],
      SALE_LIST_COLUMNS,
    ).html;
    expect(rows).not.toContain("<img");
    expect(new Set(tagsIn(rows))).toEqual(new Set(["tr", "td", "a", "span", "time"]));
    expect(rows).toContain("Acme &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; O&#39;Brien");
  });

  it("writes one row per sale and one cell per shown column, in the order given", () => {
    const rows = tableRows(
      [sale(), sale({ id: "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d" })],
      ["customer", "status", "amount"],
    ).html;
    expect(rows.match(/<tr /g)).toHaveLength(2);
    expect([...rows.matchAll(/data-column='([a-z_]+)'/g)].map((match) => match[1])).toEqual([
      "customer",
      "status",
      "amount",
      "customer",
      "status",
      "amount",
    ]);
    expect(rows).toContain("<tr data-href='/sales/7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d'>");
    expect(rows).toContain("$1,234.50");
    expect(rows).not.toContain("EMEA");
  });

  it("marks dates for the browser to redraw, in the server's default format meanwhile", () => {
    expect(tableRows([sale()], ["customer", "closed_at"]).html).toContain(
      "<time datetime='2026-03-01'>Mar 1, 2026</time>",
    );
  });
});

describe("cardItems", () => {
  it("escapes what the cards show and leaves out the columns not shown", () => {
    const cards = cardItems([sale({ customer: HOSTILE, region: HOSTILE })], ["customer", "region", "amount"]).html;
    expect(cards).not.toContain("<img");
    expect(cards).toContain("O&#39;Brien");
    expect(cards).toContain("$1,234.50");
    expect(cards).not.toContain("Analytics");
    expect(cards).not.toContain("Won");
  });

  it("separates the details with dots, the first without one", () => {
    const cards = cardItems([sale()], ["customer", "product", "region"]).html;
    expect(cards.match(/·/g)).toHaveLength(1);
    expect(cards.indexOf("Analytics")).toBeLessThan(cards.indexOf("·"));
  });
});
