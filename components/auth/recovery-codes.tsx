"use client";

import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

/** Recovery codes shown once (one per line in `codes`), with a Copy button and the way back. */
export function RecoveryCodes({ codes }: { codes: string }) {
  return (
    <div className="grid gap-4">
      <ul data-testid="recovery-codes" className="grid gap-1 font-mono text-sm sm:grid-cols-2">
        {codes.split("\n").map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex gap-2">
        <CopyButton text={codes} label="Copy codes" />
        <Link href="/account/security" className={buttonClass({ size: "sm" })}>
          I have saved them
        </Link>
      </div>
    </div>
  );
}
