"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function SignedInError(props: { error: unknown; retry: () => void }) {
  return (
    <SegmentError
      {...props}
      title="This page could not be loaded"
      description="Something went wrong while reading the data. It may be temporary."
    />
  );
}
