import { z } from "zod";
import { Invalid, type FieldError } from "./errors";

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "body",
    message: issue.message,
  }));
}

/** Parses input with a zod schema; invalid input becomes a 422 `Invalid` carrying every field error. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = "Invalid input"): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Invalid(message, fieldErrors(result.error));
  return result.data;
}

export const uuidSchema = z.uuid({ message: "Must be a UUID" });
