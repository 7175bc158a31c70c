"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions";
import { createReport, deleteReport } from "@/lib/reports/reports";
import { uuidSchema } from "@/lib/validation";

/** The view's state travels as the page's own query strings; lib/reports checks every part. */
const queryText = z
  .string()
  .max(2000, "This view is too long to save")
  .optional()
  .transform((text) => Object.fromEntries(new URLSearchParams(text ?? "")));

export const saveReportAction = authedAction(
  z.object({ name: z.string(), sales: queryText, overview: queryText }),
  async (input, viewer) => {
    const report = await createReport(viewer, input);
    revalidatePath("/reports");
    return `Saved as "${report.name}". Find it under Reports.`;
  },
);

export const deleteReportAction = authedAction(z.object({ id: uuidSchema }), async (input, viewer) => {
  await deleteReport(viewer, input.id);
  revalidatePath("/reports");
  return "Report deleted.";
});
