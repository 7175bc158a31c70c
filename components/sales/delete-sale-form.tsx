"use client";

import { ActionForm } from "@/components/action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { FormAction } from "@/lib/action-state";

export function DeleteSaleForm({ action, saleId, customer }: { action: FormAction; saleId: string; customer: string }) {
  return (
    <ActionForm action={action} quiet className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={saleId} />
      <ConfirmButton
        title="Delete this sale?"
        description={`The deal with ${customer} is removed for good. This cannot be undone.`}
        confirmLabel="Delete"
      >
        Delete sale
      </ConfirmButton>
    </ActionForm>
  );
}
