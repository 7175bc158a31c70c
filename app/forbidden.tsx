import { Forbidden } from "@/components/shell/forbidden";

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <Forbidden />
    </main>
  );
}
