import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Alert } from "@/components/ui/alert";
import { getViewer } from "@/lib/auth/viewer";
import { safeReturnPath } from "@/lib/navigation";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; signed_out?: string }>;
}) {
  const { callbackUrl, signed_out } = await searchParams;
  if (await getViewer()) redirect(safeReturnPath(callbackUrl));
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted px-4">
      <div className="w-full max-w-sm rounded-xl border border-border bg-background p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Ledgerline</h1>
        <p className="mt-1 mb-6 text-sm text-muted-foreground">Sales numbers, scoped to what you may see.</p>
        {signed_out === "partly" && (
          <Alert variant="warning" title="Signed out in this browser only" className="mb-4">
            The server could not close this session&apos;s record, so a copy of this browser&apos;s cookie would still
            work until it idles out. Sign in and end it under Your account.
          </Alert>
        )}
        <LoginForm action={signInAction} callbackUrl={safeReturnPath(callbackUrl)} />
      </div>
    </main>
  );
}
