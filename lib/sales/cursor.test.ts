import { beforeAll, describe, expect, it } from "vitest";
import { Invalid } from "@/lib/errors";
import { encodeCursor, openCursor, requireCursor, type SaleCursor } from "./cursor";
import { listQueryFromSearchParams, type SaleListQuery } from "./schemas";

const ROW: SaleCursor = { key: "2026-03-01", id: "6f1c0a52-5c1e-4c39-8d43-0d3f1c7a9b10", position: 50 };

const query = (params: Record<string, string> = {}) => listQueryFromSearchParams(params);
const withAfter = (list: SaleListQuery, after: string): SaleListQuery => ({ ...list, after });

beforeAll(() => {
  process.env.AUTH_SECRET ??= "a test secret that is long enough to derive keys from";
});

describe("sales list cursors", () => {
  it("open to the row and position they were made for, opaque and URL-safe", () => {
    const list = query({ status: "won", sort: "-amount" });
    const token = encodeCursor(list, { ...ROW, key: "1234.50" });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain("1234.50");
    expect(openCursor(withAfter(list, token))).toEqual({ ...ROW, key: "1234.50" });
  });

  it("keep any text a sort key can hold, quotes and non-Latin letters included", () => {
    const list = query({ sort: "customer" });
    const key = 'Ünïcødé "Ltd", 北京 \\ back';
    expect(openCursor(withAfter(list, encodeCursor(list, { ...ROW, key })))?.key).toBe(key);
  });

  it("hold whatever the page size: it is the sort and the filters they belong to", () => {
    const token = encodeCursor(query(), ROW);
    expect(openCursor(withAfter(query({ page_size: "10" }), token))).toEqual(ROW);
  });

  it("are refused for another sort, another direction or other filters", () => {
    const token = encodeCursor(query({ q: "acme" }), ROW);
    for (const other of [
      query({ q: "acme", sort: "amount" }),
      query({ q: "acme", sort: "closed_at" }),
      query({ q: "acm" }),
      query(),
      query({ q: "acme", status: "won" }),
    ])
      expect(openCursor(withAfter(other, token))).toBeNull();
  });

  it("are refused once any character is changed, added or removed", () => {
    const list = query();
    const token = encodeCursor(list, ROW);
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
      expect(openCursor(withAfter(list, changed)), `character ${i}`).toBeNull();
    }
    for (const other of [`${token}A`, token.slice(1), token.slice(0, -1), "", "AAAA", `${token}==`])
      expect(openCursor(withAfter(list, other))).toBeNull();
  });

  it("refused, are a 422 naming after; a list without one pages by number", () => {
    const list = query();
    expect(requireCursor(list)).toBeNull();
    try {
      requireCursor(withAfter(list, "bm90LWEtY3Vyc29y"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Invalid);
      expect((error as Invalid).status).toBe(422);
      expect((error as Invalid).errors?.map((e) => e.field)).toEqual(["after"]);
    }
  });
});
