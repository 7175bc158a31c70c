"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { authedAction, formDataToObject } from "@/lib/actions";
import { createSale, deleteSale, updateSale } from "@/lib/sales/mutations";
import { createSaleInput, withoutBlanks } from "@/lib/sales/schemas";

/** An empty form field means "not given" (e.g. the owner picker left on "me"). */
const fromForm = (formData: FormData) => withoutBlanks(formDataToObject(formData));

// Each action goes through lib/sales, which checks the caller's permission and row scope itself:
// a hidden or disabled button is never the only guard.

export const createSaleAction = authedAction(
  createSaleInput,
  async (input, viewer) => {
    const sale = await createSale(viewer, input);
    redirect(`/sales/${sale.id}?created=1`);
  },
  fromForm,
);

/** The edit form sends every field, so it is validated as a whole sale (a blanked field is an error, not "unchanged"). */
const editSaleForm = createSaleInput.extend({ id: z.string() });

export const updateSaleAction = authedAction(
  editSaleForm,
  async ({ id, ...input }, viewer) => {
    await updateSale(viewer, id, input);
    refresh();
    return "Sale saved.";
  },
  fromForm,
);

export const deleteSaleAction = authedAction(
  z.object({ id: z.string() }),
  async ({ id }, viewer) => {
    await deleteSale(viewer, id);
    redirect("/sales");
  },
  fromForm,
);
