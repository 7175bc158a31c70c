import "server-only";

// The framework floors `npm run bench` compares the API and the sales page with: a route handler and
// a server-rendered page in the same build that do no work but return a body of a given size. They
// exist only when the server runs with BENCH_FLOORS=on (the bench's `next start`); otherwise 404.

/** Largest floor body: well above the largest page the bench measures. */
export const MAX_FLOOR_BYTES = 2_000_000;

export function benchFloorsEnabled(env = process.env): boolean {
  return env.BENCH_FLOORS === "on";
}

/** The `bytes` parameter as a size, or null when it is not a whole number within bounds. */
export function floorBytes(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d{1,7}$/.test(value)) return null;
  const bytes = Number(value);
  return bytes <= MAX_FLOOR_BYTES ? bytes : null;
}

const FILLER = "Ledgerline floor body. ";

/** Exactly `bytes` characters of plain ASCII text (so as many bytes in UTF-8). */
export function floorText(bytes: number): string {
  return FILLER.repeat(Math.ceil(bytes / FILLER.length)).slice(0, bytes);
}

/**
 * A floor page's text from its `?bytes=N` (none without it), or null when floors are off or N is
 * not one size within bounds.
 */
export function floorPageText(bytes: string | string[] | undefined): string | null {
  if (!benchFloorsEnabled() || Array.isArray(bytes)) return null;
  const size = floorBytes(bytes ?? "0");
  return size === null ? null : floorText(size);
}

const OPENING = '{"floor":"';
const CLOSING = '"}';

/** A JSON document of exactly `bytes` bytes (at least the few of its own punctuation). */
export function floorJson(bytes: number): string {
  return `${OPENING}${floorText(Math.max(0, bytes - OPENING.length - CLOSING.length))}${CLOSING}`;
}
