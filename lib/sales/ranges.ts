// The overview's date range, from its URL: explicit ?from=&to=, or a preset (?range=…). Pure, so
// the page and its tests agree on what "last 12 months" means.
import { isoDate } from "./schemas";

export const RANGE_PRESETS = [
  { id: "12m", label: "Last 12 months" },
  { id: "this-year", label: "This year" },
  { id: "last-year", label: "Last year" },
  { id: "all", label: "All time" },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]["id"];
export const DEFAULT_PRESET: RangePreset = "12m";

export interface ResolvedRange {
  preset: RangePreset | "custom";
  from?: string;
  to?: string;
}

function lastDayOfMonth(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).toISOString().slice(0, 10);
}

function firstDayOfMonth(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 10);
}

/**
 * The dates a preset stands for, all from `today` (the server's date in UTC), so every viewer gets
 * the same window. "Last 12 months" is the twelve whole months ending with the current one.
 */
export function presetRange(preset: RangePreset, today: string): ResolvedRange {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  switch (preset) {
    case "12m":
      return { preset, from: firstDayOfMonth(year, month - 11), to: lastDayOfMonth(year, month) };
    case "this-year":
      return { preset, from: `${year}-01-01`, to: `${year}-12-31` };
    case "last-year":
      return { preset, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case "all":
      return { preset };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function validDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = isoDate.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The range a URL asks for; anything unreadable falls back to the default preset. A reversed range
 * is kept as written, so the form shows what was typed and `isReversed` can say why nothing matches.
 */
export function rangeFromSearchParams(
  searchParams: Record<string, string | string[] | undefined>,
  today: string,
): ResolvedRange {
  const from = validDate(single(searchParams.from));
  const to = validDate(single(searchParams.to));
  if (from || to) return { preset: "custom", from, to };
  const preset = RANGE_PRESETS.find((p) => p.id === single(searchParams.range))?.id ?? DEFAULT_PRESET;
  return presetRange(preset, today);
}

/** A range whose start is after its end: no deal can fall in it. */
export function isReversed(range: ResolvedRange): boolean {
  return Boolean(range.from && range.to && range.from > range.to);
}

/** The URL query for a preset: the default needs none. */
export function presetQuery(preset: RangePreset): string {
  return preset === DEFAULT_PRESET ? "" : `?range=${preset}`;
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
