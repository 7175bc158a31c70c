"use client";

import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/action-state";
import { ActionForm } from "@/components/action-form";

/** The explicit request that starts a preview as another user (and records it). */
export function ViewAsForm({ action, userId, label }: { action: FormAction; userId: string; label: string }) {
  return (
    <ActionForm action={action} quiet aria-label={label}>
      {(_state, pending) => (
        <>
          <input type="hidden" name="user_id" value={userId} />
          <Button type="submit" pending={pending}>
            {label}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
