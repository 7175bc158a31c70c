import { json } from "@/lib/http";

// An API address no route answers is a JSON 404, as the API's other errors are, never the app's
// sign-in redirect or its HTML page (app/(app)/[...missing] catches the pages' addresses).
function missing(): Response {
  return json({ detail: "Not found" }, 404);
}

export { missing as GET, missing as POST, missing as PUT, missing as PATCH, missing as DELETE };
