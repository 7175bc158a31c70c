"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function AdminError(props: { error: unknown; retry: () => void }) {
  return (
    <SegmentError
      {...props}
      title="This part of the admin console could not be loaded"
      description="Reading roles, users or the audit log failed. Nothing was changed; it may be temporary."
    />
  );
}
