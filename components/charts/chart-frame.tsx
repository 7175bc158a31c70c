import { useId, type ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export interface ChartRow {
  label: string;
  value: string;
  detail?: string;
}

type ChartFrameProps = {
  title: string;
  description?: string;
  /** The same numbers as a table, for screen readers: an SVG chart says nothing to them. */
  rows: ChartRow[];
  columns: [string, string, string?];
  children: ReactNode;
};

/** A titled card around one chart, with an empty state and an accessible copy of its data. */
export function ChartFrame({ title, description, rows, columns, children }: ChartFrameProps) {
  const titleId = useId();
  return (
    <Card>
      <CardHeader>
        <CardTitle id={titleId}>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="grid h-64 place-items-center rounded-md border border-dashed text-sm text-muted-foreground">
            No won deals in this period.
          </p>
        ) : (
          <figure aria-labelledby={titleId} className="relative m-0">
            <div aria-hidden className="h-64 w-full">
              {children}
            </div>
            {/* A table grows to fit its rows whatever its height: the wrapper is what stays 1 px. */}
            <div className="sr-only">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    {columns.filter(Boolean).map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td>{row.value}</td>
                      {columns[2] && <td>{row.detail}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        )}
      </CardContent>
    </Card>
  );
}

export const AXIS_TICK = { fontSize: 12, fill: "var(--color-muted-foreground)" };
export const TOOLTIP_STYLE = {
  borderRadius: 6,
  border: "1px solid var(--color-border)",
  fontSize: 13,
  boxShadow: "0 1px 3px rgb(0 0 0 / 0.1)",
};
