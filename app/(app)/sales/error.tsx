"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";

export default function SalesError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="grid max-w-xl gap-4">
      <Alert variant="error" title="The sales could not be loaded">
        Something went wrong while reading the sales. It may be temporary.
      </Alert>
      <div className="flex gap-2">
        <Button type="button" variant="outline" onClick={() => retry()}>
          Try again
        </Button>
        <Link href="/sales" className={buttonClass({ variant: "ghost" })}>
          Back to all sales
        </Link>
      </div>
    </div>
  );
}
