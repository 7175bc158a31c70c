import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/navigation";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/security-headers";

/**
 * Passes each request's own address to server code (a client's copy of the header is replaced),
 * so a redirect to sign-in keeps the way back, and gives each response a Content-Security-Policy
 * with a fresh script nonce, and in production Strict-Transport-Security (read at run time, so
 * `HSTS=off` needs no rebuild). Next.js reads the nonce from the request's copy of the policy,
 * which is why every page renders per request (app/layout.tsx). A server action post that React
 * could not have made is refused with 400. Authorization is not decided here.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.method === "POST" && request.headers.has("next-action") && !(await readableActionBody(request))) {
    return new NextResponse("This request could not be read.\n", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const policy = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity({ NODE_ENV: process.env.NODE_ENV, HSTS: process.env.HSTS });
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

/**
 * Whether a server action's body is one React could have sent: a JSON array of the arguments, as
 * the body or as the field "0" of multipart form data (with files or forms among them).
 * Next.js answers anything else with a 500 from inside its decoder; here it is a 400. (Next.js
 * buffers the body for the proxy, so the action still reads it.)
 */
async function readableActionBody(request: NextRequest): Promise<boolean> {
  try {
    // The arguments are always an array: the body itself, or the multipart body's field "0".
    const root = request.headers.get("content-type")?.startsWith("multipart/form-data")
      ? (await request.clone().formData()).get("0")
      : await request.clone().text();
    return typeof root === "string" && Array.isArray(JSON.parse(root));
  } catch {
    return false;
  }
}

// Everything but the build's static files, which carry no policy of their own to enforce.
export const config = { matcher: ["/((?!_next/static/|_next/image|favicon.ico).*)"] };
