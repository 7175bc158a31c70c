import Form from "next/form";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RANGE_PRESETS, isReversed, presetQuery, type ResolvedRange } from "@/lib/sales/ranges";

/** Presets as links and a custom from/to form: the range lives in the URL, so it can be shared. */
export function RangeFilter({ range }: { range: ResolvedRange }) {
  const reversed = isReversed(range);
  // Both dates point at the message that explains why they match nothing.
  const flag = reversed ? { "aria-invalid": true, "aria-describedby": "range-reversed" } : {};
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <nav aria-label="Date range presets">
          <ul className="flex flex-wrap gap-1">
            {RANGE_PRESETS.map((preset) => (
              <li key={preset.id}>
                <Link
                  href={`/${presetQuery(preset.id)}`}
                  aria-current={range.preset === preset.id ? "true" : undefined}
                  className={buttonClass({ variant: range.preset === preset.id ? "primary" : "outline", size: "sm" })}
                >
                  {preset.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Form action="/" aria-label="Custom date range" className="flex flex-wrap items-end gap-2">
          <div className="grid gap-1">
            <Label htmlFor="range-from">From</Label>
            <Input
              id="range-from"
              name="from"
              type="date"
              defaultValue={range.from ?? ""}
              className="h-8 w-40"
              {...flag}
            />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="range-to">To</Label>
            <Input id="range-to" name="to" type="date" defaultValue={range.to ?? ""} className="h-8 w-40" {...flag} />
          </div>
          <Button type="submit" variant="secondary" size="sm">
            Apply range
          </Button>
        </Form>
      </div>
      {reversed && (
        <Alert id="range-reversed" variant="warning">
          &apos;From&apos; is after &apos;To&apos;, so no deal falls in this range. Swap the dates or pick a preset.
        </Alert>
      )}
    </div>
  );
}
