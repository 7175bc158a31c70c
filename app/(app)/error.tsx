"use client";

import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="grid max-w-xl gap-4">
      <Alert variant="error" title="This page could not be loaded">
        Something went wrong while reading the data. It may be temporary.
      </Alert>
      <div>
        <Button type="button" variant="outline" onClick={() => retry()}>
          Try again
        </Button>
      </div>
    </div>
  );
}
