import { notFound } from "next/navigation";

// Any address no page answers, for a signed-in viewer: the 404 then shows inside the app's shell
// (app/(app)/not-found.tsx), with the navigation, instead of on a bare page.
export default function MissingPage(): never {
  notFound();
}
