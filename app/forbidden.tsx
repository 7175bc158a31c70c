import { headers } from "next/headers";
import { Forbidden } from "@/components/shell/forbidden";
import { pageRequirement, REQUESTED_PATH_HEADER } from "@/lib/navigation";

export default async function ForbiddenPage() {
  // proxy.ts sets the address on every request; a client's own copy of the header is replaced.
  const requirement = pageRequirement((await headers()).get(REQUESTED_PATH_HEADER));
  // Shown inside the signed-in shell, whose <main> already holds it.
  return (
    <div className="mx-auto max-w-xl px-4">
      <Forbidden requirement={requirement} />
    </div>
  );
}
