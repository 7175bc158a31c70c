// Reads a CSV download chunk by chunk, timing the first byte and the first data row and counting rows.
import type { Section } from "./options";
import { figure, type Figure } from "./stats";

/** The targets for an export: rows per second, and how soon the first byte and row arrive. */
export const EXPORT_RATE_TARGET = 200_000;
export const EXPORT_FIRST_MS_TARGET = 50;

export interface CsvRead {
  firstByteMs: number;
  firstRowMs: number;
  totalMs: number;
  /** Data rows, header excluded. */
  rows: number;
  bytes: number;
  /** False when the time cap ended the read before the file did. */
  complete: boolean;
}

const NEWLINE = 0x0a;

/** Reads until the end or until `capMs` have passed since `started` (a slow export would take hours). */
export async function readCsv(started: number, chunks: AsyncIterable<Uint8Array>, capMs: number): Promise<CsvRead> {
  let firstByteMs = Number.NaN;
  let firstRowMs = Number.NaN;
  let lines = 0;
  let bytes = 0;
  let complete = true;
  for await (const chunk of chunks) {
    if (bytes === 0 && chunk.byteLength > 0) firstByteMs = performance.now() - started;
    bytes += chunk.byteLength;
    for (let i = 0; i < chunk.byteLength; i++) if (chunk[i] === NEWLINE) lines++;
    if (lines > 1 && Number.isNaN(firstRowMs)) firstRowMs = performance.now() - started;
    if (performance.now() - started > capMs) {
      complete = false;
      break;
    }
  }
  return {
    firstByteMs,
    firstRowMs,
    totalMs: performance.now() - started,
    rows: Math.max(0, lines - 1),
    bytes,
    complete,
  };
}

/** The stream's chunks; stopping early cancels the stream, so the producer stops too. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel();
  }
}

/** The row check of a complete read, or what a capped one got through. */
export function describeRead(read: CsvRead, expected: number, check: (rows: number) => string): string {
  if (read.complete) return check(read.rows);
  return `stopped at the ${Math.round(read.totalMs / 1000)} s cap after ${read.rows.toLocaleString("en")} of ${expected.toLocaleString("en")} rows`;
}

/** The figures of a series of reads: rows/s, first byte and first data row, each against its target. */
export function readFigures(
  id: (measure: "rate" | "first-byte" | "first-row") => string,
  section: Section,
  label: string,
  results: Record<string, number[]>,
  detail: string,
  floor?: string,
): Figure[] {
  return [
    figure({
      id: id("rate"),
      section,
      label: `${label}: rows/s`,
      unit: "rows/s",
      rounds: results.rate ?? [],
      target: { op: ">=", value: EXPORT_RATE_TARGET },
      detail,
      floor,
    }),
    figure({
      id: id("first-byte"),
      section,
      label: `${label}: first byte`,
      unit: "ms",
      rounds: results.firstByte ?? [],
      target: { op: "<=", value: EXPORT_FIRST_MS_TARGET },
    }),
    figure({
      id: id("first-row"),
      section,
      label: `${label}: first data row`,
      unit: "ms",
      rounds: results.firstRow ?? [],
      target: { op: "<=", value: EXPORT_FIRST_MS_TARGET },
    }),
  ];
}
