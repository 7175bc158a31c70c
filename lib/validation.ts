import { z } from "zod";
import { Invalid, type FieldError } from "./errors";

// In the browser zod must not probe for eval: the Content-Security-Policy refuses it, and reports
// the refusal even though zod catches it. Every schema module the client loads imports this one
// before it builds a schema, so the setting comes first; the server keeps zod's compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "body",
    message: issue.message,
  }));
}

/**
 * What PostgreSQL refuses to store in text or jsonb: the NUL character, and a UTF-16 surrogate
 * without its pair (JSON can spell both, `\u0000` and `\ud800`).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_MESSAGE = "Contains an invisible or broken character that cannot be saved: remove it";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** Drops every character PostgreSQL would refuse (for forgiving inputs such as a page's URL). */
export function storableText(value: string): string {
  return value.replace(new RegExp(UNSTORABLE.source, "g"), "");
}

/** Every string in a request's input (keys included) that PostgreSQL would refuse, by its path. */
export function unstorableFields(input: unknown, path: string[] = [], depth = 0): FieldError[] {
  const here = path.join(".") || "body";
  if (typeof input === "string") return isStorableText(input) ? [] : [{ field: here, message: UNSTORABLE_MESSAGE }];
  if (input === null || typeof input !== "object" || depth > 32) return [];
  const entries = Array.isArray(input) ? input.map((value, i) => [String(i), value] as const) : Object.entries(input);
  return entries.flatMap(([key, value]) =>
    isStorableText(key)
      ? unstorableFields(value, [...path, key], depth + 1)
      : [{ field: [...path, storableText(key)].join("."), message: UNSTORABLE_MESSAGE }],
  );
}

/** An ILIKE pattern matching `text` anywhere, its wildcards (`%`, `_`, `\\`) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Refuses input holding text the database cannot store, naming each field, before any other check. */
export function assertStorable(input: unknown, message = "Invalid input"): void {
  const errors = unstorableFields(input);
  if (errors.length > 0) throw new Invalid(message, errors);
}

/** Parses input with a zod schema; invalid input becomes a 422 `Invalid` carrying every field error. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = "Invalid input"): z.infer<S> {
  assertStorable(input, message);
  const result = schema.safeParse(input);
  if (!result.success) throw new Invalid(message, fieldErrors(result.error));
  return result.data;
}

/** The dates a sale, a filter, an expiry or a chart may name: far wider than any use, and finite. */
export const FIRST_DATE = "1970-01-01";
export const LAST_DATE = "2099-12-31";
const FIRST_INSTANT = Date.parse(`${FIRST_DATE}T00:00:00Z`);
const END_INSTANT = Date.parse("2100-01-01T00:00:00Z");

/** An ISO 8601 date-time with a zone, inside the dates above. */
export function boundedInstant(message: string) {
  return z.iso.datetime({ offset: true, message }).refine((value) => {
    const instant = Date.parse(value);
    return instant >= FIRST_INSTANT && instant <= END_INSTANT;
  }, "Choose a date between 1970 and 2099");
}

export const uuidSchema = z.uuid({ message: "Must be a UUID" });
