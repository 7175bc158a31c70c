import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/local-time";
import { formatRelativeDays } from "@/lib/format";

const WARNING_WINDOW_MS = 7 * 86_400_000;

/** "expires in 3 days" for a grant ending within a week, else nothing. */
export function expiryWarning(expiresAt: string | null, now: Date): string | null {
  if (!expiresAt) return null;
  const left = Date.parse(expiresAt) - now.getTime();
  return left > 0 && left <= WARNING_WINDOW_MS ? `expires ${formatRelativeDays(expiresAt, now)}` : null;
}

/** When a grant ends, with a warning badge in its last week. */
export function GrantExpiry({ expiresAt, now }: { expiresAt: string | null; now: Date }) {
  if (!expiresAt) return <span className="text-muted-foreground">No expiry</span>;
  const warning = expiryWarning(expiresAt, now);
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span>
        until <DateTime value={expiresAt} />
      </span>
      {warning && <Badge variant="warning">{warning}</Badge>}
    </span>
  );
}
