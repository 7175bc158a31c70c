"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function SalesError(props: { error: unknown; retry: () => void }) {
  return (
    <SegmentError
      {...props}
      title="The sales could not be loaded"
      description="Something went wrong while reading the sales. It may be temporary."
      back={{ href: "/sales", label: "Back to all sales" }}
    />
  );
}
