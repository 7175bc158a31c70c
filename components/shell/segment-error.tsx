"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { UNAVAILABLE_DIGEST } from "@/lib/errors";

interface SegmentErrorProps {
  error: unknown;
  retry: () => void;
  title: string;
  description: string;
  back?: { href: string; label: string };
}

/** The body of a route segment's error.tsx: what failed, a retry, and optionally a way back. */
export function SegmentError({ error, retry, title, description, back }: SegmentErrorProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  if ((error as { digest?: unknown } | null)?.digest === UNAVAILABLE_DIGEST) {
    title = "Temporarily unavailable";
    description = "The database cannot be reached right now. Nothing you saved is lost; try again in a few seconds.";
  }
  return (
    <div className="grid max-w-xl gap-4">
      <Alert variant="error" title={title}>
        {description}
      </Alert>
      <div className="flex gap-2">
        <Button type="button" variant="outline" onClick={() => retry()}>
          Try again
        </Button>
        {back && (
          <Link href={back.href} className={buttonClass({ variant: "ghost" })}>
            {back.label}
          </Link>
        )}
      </div>
    </div>
  );
}
