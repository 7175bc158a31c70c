import { RETRY_AFTER_SECONDS } from "@/lib/errors";
import { escapeHtml } from "@/lib/html";
import { safeReturnPath } from "@/lib/navigation";

/**
 * Where a page sends its viewer while the database is unavailable: a 503 with Retry-After (a page
 * cannot set its own status), in plain HTML that needs nothing from the database, and that tries
 * the page asked for again by itself.
 */
export function GET(request: Request): Response {
  const back = escapeHtml(safeReturnPath(new URL(request.url).searchParams.get("from")));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 2};url=${back}">
<title>Temporarily unavailable · Ledgerline</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<main>
<h1>Ledgerline is temporarily unavailable</h1>
<p>We cannot reach the database right now, so nothing can be shown or changed. Nothing you saved before is lost.</p>
<p>This page tries again by itself in a few seconds.</p>
<p><a href="${back}">Try again now</a></p>
</main>
</body>
</html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}
