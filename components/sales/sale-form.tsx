"use client";

import { ActionForm } from "@/components/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { fieldError, type FormAction } from "@/lib/action-state";
import type { Owner } from "@/lib/sales/queries";
import type { SaleRecord } from "@/lib/sales/records";
import { SALE_STATUSES } from "@/lib/sales/schemas";
import { FIRST_DATE, LAST_DATE } from "@/lib/validation";
import { STATUS_LABELS } from "./status-badge";

type SaleFormProps = {
  action: FormAction;
  /** The sale being edited; absent when recording a new one. */
  sale?: SaleRecord;
  /** Whom the viewer may give the sale to; the picker shows only when there is a choice. */
  owners: Owner[];
  /** Suggestions for the free-text fields. */
  products: string[];
  regions: string[];
  submitLabel: string;
};

/**
 * Create and edit share this form. Validation is the server's: its field errors show next to the
 * fields, which keep what was typed.
 */
export function SaleForm({ action, sale, owners, products, regions, submitLabel }: SaleFormProps) {
  // Never let the picker silently move a sale whose owner is not among the choices.
  const choices =
    sale && !owners.some((owner) => owner.id === sale.ownerId)
      ? [{ id: sale.ownerId, username: sale.ownerUsername, name: sale.ownerName }, ...owners]
      : owners;

  return (
    <ActionForm
      action={action}
      keepOnSuccess
      className="grid gap-4"
      aria-label={sale ? "Edit sale" : "New sale"}
      noValidate
    >
      {(state, pending) => (
        <>
          {sale && <input type="hidden" name="id" value={sale.id} />}
          <div className="grid items-start gap-4 sm:grid-cols-2">
            {choices.length > 1 && (
              <Field id="sale-owner" label="Owner" error={fieldError(state, "owner_id")} className="sm:col-span-2">
                {(control) => (
                  <Select name="owner_id" defaultValue={sale?.ownerId ?? ""} {...control}>
                    {!sale && <option value="">Me</option>}
                    {choices.map((owner) => (
                      <option key={owner.id} value={owner.id}>
                        {owner.name} ({owner.username})
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            )}
            <Field id="sale-customer" label="Customer" error={fieldError(state, "customer")}>
              {(control) => (
                <Input name="customer" defaultValue={sale?.customer} required maxLength={200} {...control} />
              )}
            </Field>
            <Field id="sale-product" label="Product" error={fieldError(state, "product")}>
              {(control) => (
                <Input
                  name="product"
                  list="sale-products"
                  defaultValue={sale?.product}
                  required
                  maxLength={100}
                  {...control}
                />
              )}
            </Field>
            <Field id="sale-region" label="Region" error={fieldError(state, "region")}>
              {(control) => (
                <Input
                  name="region"
                  list="sale-regions"
                  defaultValue={sale?.region}
                  required
                  maxLength={64}
                  {...control}
                />
              )}
            </Field>
            <Field id="sale-amount" label="Amount (USD)" error={fieldError(state, "amount")} hint="For example 1250.00">
              {(control) => (
                <Input
                  name="amount"
                  inputMode="decimal"
                  defaultValue={sale ? sale.amount.toFixed(2) : undefined}
                  required
                  {...control}
                />
              )}
            </Field>
            <Field id="sale-status" label="Status" error={fieldError(state, "status")}>
              {(control) => (
                <Select name="status" defaultValue={sale?.status ?? "open"} {...control}>
                  {SALE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {STATUS_LABELS[status]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field id="sale-closed-at" label="Closing date" error={fieldError(state, "closed_at")}>
              {(control) => (
                <Input
                  name="closed_at"
                  type="date"
                  min={FIRST_DATE}
                  max={LAST_DATE}
                  defaultValue={sale?.closedAt}
                  required
                  {...control}
                />
              )}
            </Field>
          </div>
          <datalist id="sale-products">
            {products.map((product) => (
              <option key={product} value={product} />
            ))}
          </datalist>
          <datalist id="sale-regions">
            {regions.map((region) => (
              <option key={region} value={region} />
            ))}
          </datalist>
          <div>
            <Button type="submit" pending={pending}>
              {submitLabel}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
