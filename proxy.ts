import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/navigation";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "@/lib/security-headers";

/**
 * Passes each request's own address to server code (a client's copy of the header is replaced),
 * so a redirect to sign-in keeps the way back, and gives each response a Content-Security-Policy
 * with a fresh script nonce, and in production Strict-Transport-Security (read at run time, so
 * `HSTS=off` needs no rebuild). Next.js reads the nonce from the request's copy of the policy,
 * which is why every page renders per request (app/layout.tsx). Authorization is not decided here.
 */
export function proxy(request: NextRequest): NextResponse {
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

// Everything but the build's static files, which carry no policy of their own to enforce.
export const config = { matcher: ["/((?!_next/static/|_next/image|favicon.ico).*)"] };
