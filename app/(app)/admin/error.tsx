"use client";

import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function AdminError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="grid max-w-xl gap-4">
      <Alert variant="error" title="This part of the admin console could not be loaded">
        Reading roles, users or the audit log failed. Nothing was changed; it may be temporary.
      </Alert>
      <div>
        <Button type="button" variant="outline" onClick={() => retry()}>
          Try again
        </Button>
      </div>
    </div>
  );
}
