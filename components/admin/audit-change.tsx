/** The top-level fields that differ between two audit snapshots. */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isRecord(before) || !isRecord(after)) return [];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function compact(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(", ") || "none";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What an audited change did: the changed fields in a line each, and both snapshots on demand. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const changes = changedFields(before, after);
  const summary =
    before === null || before === undefined ? "created" : after === null || after === undefined ? "removed" : null;
  return (
    <div className="grid gap-1 text-xs">
      {summary && <span className="text-muted-foreground">{summary}</span>}
      {changes.length > 0 && (
        <dl className="grid gap-0.5">
          {changes.map((change) => (
            <div key={change.field} className="break-words">
              <dt className="inline font-medium">{change.field}: </dt>
              <dd className="inline">
                <span className="text-danger line-through decoration-danger/50">{compact(change.before)}</span>
                {" → "}
                <span className="text-success">{compact(change.after)}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details>
        <summary className="cursor-pointer text-muted-foreground">Before and after (JSON)</summary>
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {(["before", "after"] as const).map((side) => (
            <div key={side} className="grid gap-0.5">
              <span className="font-medium">{side}</span>
              <pre className="max-h-64 max-w-xs overflow-auto rounded bg-muted p-2 font-mono text-[11px] whitespace-pre-wrap break-all">
                {JSON.stringify(side === "before" ? before : after, null, 2) ?? "null"}
              </pre>
            </div>
          ))}
        </div>
      </details>
    </div>
  );
}
