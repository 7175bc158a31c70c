"use client";

import { Button } from "@/components/ui/button";
import "./globals.css";

// Replaces the root layout when it fails, so it brings its own <html>, <body> and title.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;

  return (
    <html lang="en">
      <body className="font-sans antialiased">
        <title>Something went wrong · Ledgerline</title>
        <main className="mx-auto grid min-h-dvh max-w-lg content-center justify-items-start gap-3 px-6">
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="text-sm text-muted-foreground">
            Ledgerline hit an unexpected error. Trying again usually helps.
            {digest && (
              <>
                {" "}
                Reference: <code className="font-mono">{digest}</code>
              </>
            )}
          </p>
          <Button type="button" className="mt-2" onClick={() => retry()}>
            Try again
          </Button>
        </main>
      </body>
    </html>
  );
}
