// What a saved report is made of, in the API's words: a name, the sales list's query (filters,
// sort, page size, shown columns) and the overview's range, each stored in the normalized form its
// page reads.
import { z } from "zod";
import { RANGE_PRESETS } from "@/lib/sales/ranges";
import { isoDate, listQueryToSearchParams, saleViewParams, toListQuery, withoutBlanks } from "@/lib/sales/schemas";

const textMap = z.record(z.string(), z.string({ error: "Must be text, as in the page's address" }));

/**
 * The sales list part: the list's own parameters, checked as the API checks them, and `cols`, the
 * columns it shows (left out: all of them, as in reports saved before columns could be chosen); no page.
 */
const salesView = textMap
  .transform(withoutBlanks)
  .pipe(saleViewParams)
  .transform((params) => Object.fromEntries(listQueryToSearchParams({ ...toListQuery(params), page: 1 })));

/** The overview part: a preset, or from and to. */
const overviewView = z
  .strictObject({
    range: z.enum(RANGE_PRESETS.map((preset) => preset.id) as [string, ...string[]], {
      error: `Choose one of: ${RANGE_PRESETS.map((preset) => preset.id).join(", ")}`,
    }),
    from: isoDate,
    to: isoDate,
  })
  .partial()
  .refine((range) => !range.from || !range.to || range.from <= range.to, {
    path: ["to"],
    message: "The end date is before the start date",
  })
  .refine((range) => !(range.range && (range.from || range.to)), {
    path: ["range"],
    message: "Give a preset or dates, not both",
  })
  .transform((range) => Object.fromEntries(Object.entries(range).filter(([, value]) => value !== undefined)));

const name = z
  .string({ error: "Give the report a name" })
  .trim()
  .min(1, "Give the report a name")
  .max(120, "At most 120 characters");

export const reportInput = z.strictObject({
  name,
  sales: salesView.default({}),
  overview: overviewView.default({}),
});
export type ReportInput = z.infer<typeof reportInput>;

/** PUT replaces what is sent; what is left out stays. */
export const reportUpdate = z.strictObject({
  name: name.optional(),
  sales: salesView.optional(),
  overview: overviewView.optional(),
});
export type ReportUpdate = z.infer<typeof reportUpdate>;

export const reportListParams = z.strictObject({
  page: z.coerce
    .number({ error: "Must be a whole number" })
    .int("Must be a whole number")
    .min(1)
    .max(1_000_000)
    .optional(),
  page_size: z.coerce
    .number({ error: "Must be a whole number" })
    .int("Must be a whole number")
    .min(1)
    .max(200)
    .optional(),
});

export interface ReportJson {
  id: string;
  name: string;
  owner_id: string;
  owner_username: string;
  sales: Record<string, string>;
  overview: Record<string, string>;
  created_at: string;
  updated_at: string;
  /** Whether the caller may change or delete it: the buttons they see. */
  can_update: boolean;
  can_delete: boolean;
}
