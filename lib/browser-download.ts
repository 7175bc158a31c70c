// Downloads that a page links to, in the browser's session. Kept apart from lib/http.ts, whose
// Bearer API never reads the session: importing the session machinery there would bring Next's
// request scope into every API route and into the bench's plain Node process.
import "server-only";
import type { NextRequest } from "next/server";
import type { Viewer } from "@/lib/auth/principal";
import { getViewer } from "@/lib/auth/viewer";
import { Forbidden, Unavailable } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { signInPath, unavailablePath } from "@/lib/navigation";

/** A relative Location: the request's own URL may name another host than the browser used. */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

/**
 * Wraps a download that a page links to (an "Export CSV" button): the signed-in session's viewer,
 * not a Bearer token. A browser comes by navigation, so every refusal is a page, never a JSON body
 * it would save as a file: no session goes to sign-in (and back here), Forbidden to `deniedPath`,
 * an unreachable database to the 503 page.
 */
export function browserDownload(
  download: (viewer: Viewer, request: NextRequest) => Response | Promise<Response>,
  { deniedPath }: { deniedPath: string },
) {
  return async (request: NextRequest): Promise<Response> => {
    const here = request.nextUrl.pathname + request.nextUrl.search;
    try {
      const viewer = await getViewer();
      if (!viewer) return seeOther(signInPath(here));
      return await download(viewer, request);
    } catch (error) {
      if (error instanceof Forbidden) return seeOther(deniedPath);
      if (error instanceof Unavailable) return seeOther(unavailablePath(here));
      return errorResponse(error);
    }
  };
}
