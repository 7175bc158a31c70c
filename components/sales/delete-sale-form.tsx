"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { idle, type FormAction } from "@/lib/action-state";

export function DeleteSaleForm({ action, saleId, customer }: { action: FormAction; saleId: string; customer: string }) {
  const [state, formAction] = useActionState(action, idle);
  return (
    <form action={formAction} className="grid justify-items-start gap-2">
      <input type="hidden" name="id" value={saleId} />
      {state.status === "error" && <Alert variant="error">{state.error}</Alert>}
      <ConfirmButton
        title="Delete this sale?"
        description={`The deal with ${customer} is removed for good. This cannot be undone.`}
        confirmLabel="Delete"
      >
        Delete sale
      </ConfirmButton>
    </form>
  );
}
