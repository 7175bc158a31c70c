import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/bench/floor/route";
import { benchFloorsEnabled, floorBytes, floorJson, floorPageText, floorText } from "./bench-floors";

const floor = (query: string) => GET(new NextRequest(`http://localhost/api/bench/floor${query}`));

describe("the bench's framework floors", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("are 404 unless BENCH_FLOORS is exactly on", async () => {
    for (const value of [undefined, "", "1", "true", "ON"]) {
      vi.stubEnv("BENCH_FLOORS", value);
      expect(benchFloorsEnabled(), String(value)).toBe(false);
      expect((await floor("?bytes=100")).status, String(value)).toBe(404);
    }
  });

  it("answer a JSON body of exactly the size asked for", async () => {
    vi.stubEnv("BENCH_FLOORS", "on");
    for (const bytes of [12, 100, 16_755]) {
      const response = await floor(`?bytes=${bytes}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(Buffer.byteLength(body)).toBe(bytes);
      expect(() => JSON.parse(body) as unknown).not.toThrow();
    }
    expect(floorText(7)).toHaveLength(7);
    expect(Buffer.byteLength(floorJson(500))).toBe(500);
  });

  it("refuse a size that is not a whole number within bounds with 422", async () => {
    vi.stubEnv("BENCH_FLOORS", "on");
    for (const query of ["?bytes=-1", "?bytes=1.5", "?bytes=abc", "?bytes=2000001", "?bytes=99999999"])
      expect((await floor(query)).status, query).toBe(422);
    expect(floorBytes("2000000")).toBe(2_000_000);
    expect(floorBytes(null)).toBeNull();
  });
});

describe("the floor pages' text", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is none unless BENCH_FLOORS is on, and the size asked for when it is", () => {
    expect(floorPageText("100")).toBeNull();
    vi.stubEnv("BENCH_FLOORS", "on");
    expect(floorPageText("100")).toHaveLength(100);
    expect(floorPageText(undefined)).toBe("");
    for (const bytes of ["-1", "abc", "2000001", ["1", "2"]]) expect(floorPageText(bytes), String(bytes)).toBeNull();
  });
});
