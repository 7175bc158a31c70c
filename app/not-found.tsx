import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="mx-auto grid min-h-dvh max-w-lg content-center justify-items-start gap-3 px-6">
      <p className="text-sm font-medium text-accent">404 · Not found</p>
      <h1 className="text-2xl font-semibold tracking-tight">We couldn&apos;t find that page</h1>
      <p className="text-sm text-muted-foreground">
        The link may be out of date, or the item may have been removed or be outside what you can see.
      </p>
      <Link href="/" className={buttonClass({ variant: "outline", className: "mt-2" })}>
        Back to overview
      </Link>
    </main>
  );
}
