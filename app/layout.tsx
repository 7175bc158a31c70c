import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { THEME_COOKIE, parseTheme } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Ledgerline", default: "Ledgerline" },
  description: "Sales dashboard",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that response's CSP nonce (proxy.ts), which
  // a page prerendered at build time could not.
  await connection();
  // A chosen theme is on <html> in the first byte (no script before paint); none follows the system.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <body className="min-h-dvh font-sans antialiased">{children}</body>
    </html>
  );
}
