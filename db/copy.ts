import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { getDatabase, withDeadline } from "./client";
import { viewerSettings, type ScopeSubject } from "./scoped";

const dialect = new PgDialect();

/** Chunks handed on are at least this large (the server sends one message per row). */
export const COPY_CHUNK_BYTES = 64 * 1024;

/**
 * The one text column of `select`, row after row, each row's bytes as they are, streamed by
 * `COPY (select) TO STDOUT (FORMAT binary)` in one read-only, repeatable-read transaction on the
 * read replica (else the primary) that starts exactly as every scoped transaction does
 * (`viewerSettings`: the signed context, the timeouts, the application role), so row level
 * security applies; the statement timeout is DATABASE_EXPORT_TIMEOUT_MS, as the COPY is the whole
 * download. Null on the embedded database, which cannot stream a COPY.
 *
 * COPY takes no parameters, so the select's values are written into its text (drizzle's quoting,
 * with standard_conforming_strings forced on for the transaction). Settings go first and are
 * awaited, never pipelined with the COPY: a failure then surfaces as itself.
 */
export async function copyTextColumn(subject: ScopeSubject, select: SQL): Promise<ReadableStream<Uint8Array> | null> {
  const { copyClient, timeouts } = await getDatabase();
  if (!copyClient) return null;
  const settings = dialect.sqlToQuery(viewerSettings(subject, { ...timeouts, statementMs: timeouts.exportMs }));
  const copy = `copy (${dialect.sqlToQuery(select.inlineParams()).sql}) to stdout (format binary)`;
  // Past the request deadline nobody will read the stream: one that arrives later is cancelled at
  // once, so its COPY ends and its connection goes back to the pool instead of waiting, paused,
  // for the export timeout.
  let abandoned = false;
  return withDeadline(
    timeouts,
    () =>
      new Promise<ReadableStream<Uint8Array>>((resolve, reject) => {
        copyClient
          .begin("isolation level repeatable read read only", async (tx) => {
            await tx.unsafe(settings.sql, settings.params as string[]);
            await tx`select set_config('standard_conforming_strings', 'on', true)`;
            // Nobody will read it: do not start the COPY at all.
            if (abandoned) return;
            const query = tx.unsafe(copy);
            const data = await query.readable();
            let over = false;
            const ended = finished(data).finally(() => (over = true));
            const stream = binaryColumnStream(data, () => {
              // Cancelled by the server, the COPY ends with an error; until then the rows still
              // coming are dropped. The transaction ends only after that, so the connection goes
              // back to the pool with no COPY in progress. A COPY already over is not cancelled:
              // the cancel would reach whatever that backend runs next.
              if (!over) query.cancel();
              data.resume();
            });
            if (abandoned) void stream.cancel();
            resolve(stream);
            await ended;
          })
          .catch(reject);
      }),
  ).catch((error: unknown) => {
    abandoned = true;
    throw error;
  });
}

const SIGNATURE_BYTES = 11;
/** The signature, the flags field and the header extension's length. */
const HEADER_BYTES = SIGNATURE_BYTES + 4 + 4;
const TRAILER = -1;

/**
 * Decodes COPY's binary format of one column: a header, then per row a field count (1), the
 * field's length and its bytes, then a trailer. Bytes may arrive split anywhere.
 */
export class BinaryColumnDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  ended = false;

  /** The column values complete in `chunk` (and what came before it). */
  push(chunk: Buffer): Buffer[] {
    const buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const values: Buffer[] = [];
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < HEADER_BYTES) return this.keep(buffer, 0, values);
      const extension = buffer.readInt32BE(HEADER_BYTES - 4);
      if (buffer.length < HEADER_BYTES + extension) return this.keep(buffer, 0, values);
      at = HEADER_BYTES + extension;
      this.headerRead = true;
    }
    while (!this.ended && buffer.length - at >= 2) {
      const fields = buffer.readInt16BE(at);
      if (fields === TRAILER) {
        this.ended = true;
        at += 2;
        break;
      }
      if (fields !== 1) throw new Error(`COPY sent a row of ${fields} columns, not 1`);
      if (buffer.length - at < 6) break;
      const length = buffer.readInt32BE(at + 2);
      if (length < 0) throw new Error("COPY sent a null where text was expected");
      if (buffer.length - at < 6 + length) break;
      values.push(buffer.subarray(at + 6, at + 6 + length));
      at += 6 + length;
    }
    return this.keep(buffer, at, values);
  }

  private keep(buffer: Buffer, at: number, values: Buffer[]): Buffer[] {
    this.pending = at < buffer.length ? Buffer.from(buffer.subarray(at)) : Buffer.alloc(0);
    return values;
  }

  /** Whether the stream ended where it should: after the trailer, with nothing left over. */
  complete(): boolean {
    return this.ended && this.pending.length === 0;
  }
}

/**
 * The column values of a binary COPY joined into chunks of at least COPY_CHUNK_BYTES, pausing the
 * COPY while the reader is behind; `stop` is called when the reader goes away early.
 */
function binaryColumnStream(data: Readable, stop: () => void): ReadableStream<Uint8Array> {
  const decoder = new BinaryColumnDecoder();
  let parts: Buffer[] = [];
  let bytes = 0;
  const detach = () => {
    data.removeAllListeners("data");
    data.removeAllListeners("end");
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const flush = () => {
        if (bytes === 0) return;
        controller.enqueue(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, bytes));
        parts = [];
        bytes = 0;
      };
      data.on("data", (chunk: Buffer) => {
        try {
          for (const value of decoder.push(chunk)) {
            parts.push(value);
            bytes += value.length;
          }
        } catch (error) {
          detach();
          stop();
          controller.error(error);
          return;
        }
        if (bytes >= COPY_CHUNK_BYTES) {
          flush();
          if ((controller.desiredSize ?? 0) <= 0) data.pause();
        }
      });
      data.on("end", () => {
        flush();
        if (decoder.complete()) controller.close();
        else controller.error(new Error("The COPY ended before its trailer"));
      });
      data.on("error", (error: Error) => controller.error(error));
    },
    pull() {
      data.resume();
    },
    cancel() {
      detach();
      stop();
    },
  });
}
