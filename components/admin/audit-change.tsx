import { changedFields, valueWords } from "@/lib/rbac/audit-sentence";

/** What an audited change did: each changed field on a line, the old value struck through. */
export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const changes = changedFields(before, after);
  if (changes.length === 0) return <span className="text-xs text-muted-foreground">—</span>;
  return (
    <dl className="grid gap-0.5 text-xs" aria-label="Changed fields">
      {changes.map((change) => (
        <div key={change.field} className="break-words">
          <dt className="inline font-medium">{change.field.replaceAll("_", " ")}: </dt>
          <dd className="inline">
            {change.before !== undefined && change.before !== null && (
              <>
                <del className="text-danger decoration-danger/50">{valueWords(change.before)}</del>
                {" → "}
              </>
            )}
            {change.after !== undefined && change.after !== null ? (
              <ins className="text-success no-underline">{valueWords(change.after)}</ins>
            ) : (
              <span className="text-muted-foreground">removed</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
