// The report's prose: what each section measures, why a target is missed and what would reach it,
// and what was changed. Keyed by figure id; a miss without a note shows as "not explained yet".
import type { Section } from "./options";

export const SECTION_NOTES: Partial<Record<Section, string>> = {
  resolve:
    "`loadViewerById` for every tenth user (200 users, each with their base role, custom roles and live grants), " +
    "called one after the other: the user and all three layers in one statement, then the pure `resolvePermissions`. " +
    "The statement count is read from the driver, not assumed. Each user's roles and live grants are checked against separate counts.",
  can:
    "`EffectivePermissions.can()` after resolution, cycling over the 45 (resource, action) pairs, against node-casbin 5.51.1's " +
    "`enforce()` on the same RBAC model (`p = sub, obj, act`, `g = _, _`, roles holding pairs, users holding roles; the matcher " +
    "compares object and action before `g()`, casbin's faster order). Both are built from the same policy lines and must " +
    "answer every check alike.",
  sql:
    "`listSales` and `salesOverview` called as the app calls them (`withViewer`: one transaction as the application role, " +
    "explicit scope WHERE plus row level security), one call at a time: latency as the app sees it, all round trips included. " +
    "`GET /api/v1/sales` is its route handler called in this process (no HTTP) with the busiest rep's token: its statement " +
    "count is an API request's, the token's lookup and the viewer's resolution included. Round trips are counted on the " +
    "wire (`bench/round-trips.ts`: a TCP relay counts each time the client sends after PostgreSQL has answered), on a warm " +
    "connection. " +
    'Viewers: own = the busiest rep, team = their manager (the busiest team), all = an analyst. "12 months" is the overview\'s ' +
    "default range on this data (2025-11-01 to 2026-10-31). **Database floor**: the list's first page read bare — the same " +
    "columns, join, scope condition, order and limit, sent by a postgres.js client of its own (one connection, prepared, as the " +
    "database owner: no transaction, no settings, no row security, no app code) in a loop, in the same rounds. The ÷ floor " +
    "column is each figure over its floor's median; the deep pages are compared with the first page's floor.",
  keyset:
    "The busiest rep's last page read as the app reads it (`listSales`, `withViewer`), by number (`page=`, an OFFSET) and by " +
    "keyset cursor (`after=`, the `next` of the page before it), each checked against the independent count and the cursor's " +
    "rows against the numbered page's, in the same order. The ÷ floor column here is each last page over **the first page** " +
    "measured in the same rounds: how much more a reader pays for reaching the end.",
  replica:
    "A PostgreSQL primary of the section's own (initdb in a temporary folder), seeded with the same population, and a " +
    "streaming replica of it (`pg_basebackup -R`), both on this machine. The app's handle is opened twice: on the primary " +
    "alone, and with `DATABASE_READ_URL` at the replica; viewers are resolved on the primary either way. Every call is " +
    "first checked against the owner's count on the primary, so the replica's policies scope the same rows. Lag: single-row " +
    "inserts on the primary, each polled on the replica until it is there. On one box the replica adds no capacity; the " +
    "ratio shows the routing costs nothing, and the lag is what a user may wait to see a sale they just saved in the list.",
  rls:
    "The same app calls with row level security on and off (`ALTER TABLE … DISABLE ROW LEVEL SECURITY` on the bench database " +
    "between blocks; same role, same WHERE, same transaction), in alternating blocks of 15 calls, six blocks each way per round, " +
    "so that drift in the shared machine's load falls on both alike. With the policies off the rows must still match the " +
    "independent counts.",
  export:
    "`exportSalesCsv` (the stream the download routes return) read to the end in this process, with its memory sampled every " +
    "20 ms, in keyset batches on both databases (an export by one `COPY … TO STDOUT` was tried and backed out: change 10). " +
    "A round stops at 30 s.",
  http:
    "`next start` (production build in `.next-bench`) against the bench database, 16 autocannon connections, 6 s per run after a " +
    "2 s warm-up; before each run the bench waits until the app has no statement running. The API uses a Bearer token; the page " +
    "a session cookie from the credentials sign-in. Row security per request: mean latency of 4 s runs with the policies on and off. " +
    "**Framework floors**, run right before or after each target in every round (alternating): `GET /api/bench/floor` and " +
    "`/bench/floor`, a route handler and a server-rendered page of the same build (proxy, root layout and CSP nonce included) " +
    "that do nothing but return a fixed body exactly as large as the real answer (uncompressed bytes in the floor's row), " +
    "under the same 16 clients with the same headers. \"floor's requests/s ÷ its own\" is that round's ratio, the issue's " +
    "target (API ≤ 2×, page ≤ 2.5×); ÷ floor is the median's. The CSV download is compared with the same export read in process.",
  pages:
    "The same build and database as the HTTP section, 16 autocannon connections, 5 s per run after a 2 s warm-up, the " +
    "rungs in alternating order from round to round. **CPU per request** is the user and system time of the server's " +
    "processes (`next start` and its child) and of the PostgreSQL backends holding the app's connections, read from " +
    "`/proc` before and after each run, over the answers received: another job on the box slows a run down but adds nothing " +
    "to it, so these are steadier than requests/s. The rungs: `/bench/floor`, the framework floor sized as the sales page " +
    "(as in the HTTP section); `/bench/floor/viewer`, the same text after `requireViewer()` (the session cookie decoded " +
    "with next-auth's JWT decoder, then the session, user, roles and grants read in one statement); `/bench/shell`, the same text inside the " +
    "signed-in layout (navigation, the access-request notices, theme and sign-out); then the busiest rep's sales list and " +
    "overview, and the bench admin's page of that rep. Each rung over the one below it is what its layer costs; ÷ floor is " +
    "over the framework floor.",
  whatif:
    "`whatIf` (what POST /api/v1/rbac/what-if runs) called in process as the bench admin, for a custom role made for the " +
    "section and held by every bench user: the proposal gives the role sale list and read with scope team. Every holder's " +
    "layers are loaded in four statements (the holders chosen by a subquery, each role's permissions read once, live " +
    "grants only) and resolved before and after; the first 50 affected by username are counted " +
    "before and after in one statement from the per-owner summaries, with the sales list's own scope. The role is removed " +
    "after the section.",
};

/** Why a kind of figure misses on this machine, and what would reach it. */
const WHY = {
  resolution:
    "the statement is one round trip (counted above) and runs in about 0.3 ms inside PostgreSQL (EXPLAIN ANALYZE: three " +
    "index lookups and two small `json_agg`s); the rest is the round trip, JSON decoding and waiting for a core on a two-core " +
    "box that PostgreSQL, the bench and other jobs share (see the load average; the rounds vary by 2×). " +
    "Nothing is left to remove from the query; an idle machine, or the database on cores of its own, reaches it.",
  list:
    "`listSales` costs three round trips (BEGIN; the settings-and-role statement, the count and the first page sent " +
    "together; COMMIT), each a prepared statement, and PostgreSQL executes each in well under a millisecond (EXPLAIN " +
    "ANALYZE as the application role: a backward index scan that stops after 50 rows, a sum over one summary row per " +
    "owner). The p95 adds waiting for a core on the shared box (compare the rounds). BEGIN is still a round trip of its " +
    "own: postgres.js reserves the transaction's connection only when BEGIN's reply comes back, and changing that inside " +
    "the driver risks handing a reserved connection to another request. What would reach 3 ms at p95: the database on " +
    "cores of its own.",
  deep:
    "OFFSET reads and throws away every row before the page (4,950 and 50,450 index entries with their owners here), so the cost grows " +
    "with depth. The keyset cursor (`after=`, the page's Next link and the API's `next`) reads 50 rows at any depth: see " +
    "the deep-pages section, where the same last page by cursor costs what the first page does. `page=` stays, for jumps " +
    "and for clients that page by number.",
  team:
    "the busiest team's 50 owners hold about 5,800 (owner, month, region) and 8,600 (owner, month, product) summary rows, read " +
    "by key; that is a few milliseconds of PostgreSQL time, the rest is the shared box (compare the rounds). A per-team summary " +
    "would be one row per month, but a sale whose owner changes team would have to move between summaries: a cross-owner " +
    "write DESIGN.md rules out.",
  all:
    "an analyst's overview reads the rollup of everyone's sales (one row per month, region and product, plus the changes " +
    "not folded yet: a few thousand cells) and, for the top owners, the months of the 50 owners with the most revenue of " +
    "all time (about 600 rows; every owner's 24,000 only when those 50 cannot settle the top ten). PostgreSQL spends a " +
    "few milliseconds on it; what is left is the shared box (compare the rounds and the load average).",
  rowSecurity:
    "each policy holds one InitPlan per reach (the owners, and the regions where the table has a region column; migration " +
    "0019), and each checks the signed context once. Measured under auto_explain in the app's own transactions, the first " +
    "InitPlan of a statement takes 0.11–0.15 ms (the key's row, two SHA-256 over the context, the JSON, the function's " +
    "set-up in a new statement; not the definer's switch: copies of `app_reach_owners` without SECURITY DEFINER or the " +
    "pinned search_path ran the same count in the same 0.053–0.066 ms), a further one 0.01–0.03 ms; the same statement without policies runs in about 0.01 ms. " +
    "That is about 0.3 ms on a 2 ms overview of two statements. Timed in a loop of one call per transaction, a cold " +
    "`app_reach_owners` costs about 40 µs: parsing the JSON 6.5, the two SHA-256 7, reading the key 7–10, the definer " +
    "call 3, the reach itself 13; a fast path for `own` and `all` saved 5. Reaching ≤ 1.10× needs the context checked " +
    "once per transaction, not once per statement: a cache that only the owner may write. PostgreSQL 15 has no such " +
    "transaction-local place: custom settings are writable by any role (only a C extension can declare one " +
    "superuser-only, which managed PostgreSQL and PGlite do not allow), and a table, temporary or not, cannot be written " +
    "on a read replica, where the dashboard's reads go.",
  exportRate:
    "the export reads keyset batches of finished CSV lines (up to 5,000 a statement), the next batch read while the current " +
    "one is written (change 8), so what it reaches is what PostgreSQL takes to make the lines: quoting, the formula guard " +
    "and `to_char` for three dates, measured earlier here at about 3 µs a row, plus 2.5 µs for the ordered scan and the " +
    "owner's join — some 180,000 rows/s for one core of this shared box at best. The team's export is slower per row " +
    "because its batches walk 50 owners' index ranges in date order. A single COPY reached 1.2× of a bare COPY's 165,000 " +
    "rows/s (2026-12-02), under 200,000 even so, and was backed out (change 10). More needs the lines formatted once and " +
    "kept (a column written by the trigger that keeps the summaries), a storage cost left for a decision.",
  exportFirstRow:
    "without a LIMIT PostgreSQL plans the team's COPY for its total time: the team's rows by owner (index-only scans), then " +
    "one sort (EXPLAIN: `Sort` over a nested loop), so the first row waits for the sort of all 69,117 rows; the header goes " +
    "out at once. The whole file is faster so; a first row within 50 ms would need the keyset's first small batch before the " +
    "COPY, a second transaction with its own snapshot.",
  httpExportFirstByte:
    "the header waits for the route, the token lookup and Next's response start on a busy box; in process it goes out in under a millisecond.",
  httpExportRate:
    "the download runs at 1.29× the same export read in process (its ÷ floor column), the rest of the gap being the export " +
    "itself (see exportSalesCsv above): the HTTP share is Next's response stream and gzip (Next compresses on the server; " +
    "`Cache-Control: no-transform` on the CSV would skip it, measured by hand at about 2× the transfer time) on the cores " +
    "the export's own PostgreSQL work shares.",
  httpExportMemory:
    "the server's resident memory while sending a million rows: the export holds at most two batches (the in-process " +
    "figures above stay within the target), the rest is Next's response stream and gzip buffering ahead of a reader on " +
    "the same box; a reader as slow as a real network would hold less, one as fast as loopback holds the most.",
  floorApi:
    "the floor — a route handler returning the same number of bytes — is what Next, the proxy and the CSP nonce cost on this " +
    "box under 16 clients; the real request adds the token lookup (one statement), the scoped transaction (BEGIN; the " +
    "settings, the count and the page sent together; COMMIT: four round trips in all, counted in the SQL section) and 50 " +
    "rows of JSON. Each round trip waits for a core that PostgreSQL, autocannon and other jobs share (see the load " +
    "average). What is left to remove needs the database to resolve the token itself (one token-and-transaction " +
    "statement, the viewer's scopes derived by a SECURITY DEFINER function), a redesign of how the viewer is loaded.",
  floorPage:
    "the floor page sends as many bytes with one text node. Where the rest goes is the pages section's ladder, in CPU per " +
    "request: resolving the viewer from the session cookie adds about 1 ms to the floor's 6 (the cookie known from an " +
    "earlier request, one statement), the signed-in shell about 2 ms more, and the sales page's own content about 15 ms " +
    "more: the filters (the owner and region choices, the chips), two scoped transactions (the list with its totals, the regions; one since change 17), the " +
    "sort header and the pagination as React elements, and the 50 rows and their phone cards as two strings of markup " +
    "(change 13). The rows still travel twice, in the HTML and in the payload React hydrates from, but as text rather " +
    "than as a tree.",
  api:
    "every request is the Next route, the token lookup (one statement), a scoped transaction (three round trips) and 50 rows " +
    "of JSON; 500 requests/s means about 4 ms of CPU per request on two cores that also run PostgreSQL, autocannon itself and " +
    "other jobs. The database part is now a few milliseconds at most (SQL section); next come fewer round " +
    "trips, the load generator on another machine, and more app servers (they hold no state) with read replicas behind them.",
  page:
    "150 pages/s on two cores that PostgreSQL and autocannon share means about 10 ms of CPU per page; the pages section " +
    "puts the busiest rep's sales page at about 24 ms of app server CPU and 4 ms of PostgreSQL, against 6 ms for the " +
    "framework floor of the same size and 9 ms for the signed-in shell around a fixed text. Next would be the filters " +
    "and pagination as lighter markup, and more app servers (they hold no state).",
} as const;

const SCOPES = ["own", "team", "all"] as const;

export const MISS_NOTES: Record<string, string> = {
  "whatif.p50":
    "the bulk is loading the holders' layers (2,000 users, 3,943 assignments, their live direct grants: about 100 ms " +
    "at load average 2) and resolving each holder before and after (about 110 ms); counting 50 people takes 35-65 ms.",
  "resolve.p50": WHY.resolution,
  "resolve.p99": WHY.resolution,
  "sql.deep.100.p95": WHY.deep,
  "sql.deep.last.p95": WHY.deep,
  "keyset.first.p95": WHY.list,
  "keyset.last.page.p95": WHY.deep,
  "keyset.last.after.p95": WHY.list,
  "http.export.rate": WHY.httpExportRate,
  "http.export.first-byte": WHY.httpExportFirstByte,
  "http.export.first-row": WHY.httpExportFirstByte,
  "http.export.rss": WHY.httpExportMemory,
  ...Object.fromEntries(
    SCOPES.flatMap((scope) => [
      [`sql.list.${scope}.p95`, WHY.list],
      [`sql.overview.12m.${scope}.p95`, scope === "all" ? WHY.all : scope === "team" ? WHY.team : WHY.list],
      [`sql.overview.alltime.${scope}.p95`, scope === "all" ? WHY.all : scope === "team" ? WHY.team : WHY.list],
      [`rls.sql.list.${scope}`, WHY.rowSecurity],
      [`rls.sql.overview.${scope}`, WHY.rowSecurity],
      [`rls.http.api.${scope}`, WHY.rowSecurity],
      [`http.api.${scope}.rps`, WHY.api],
      [`http.api.${scope}.p99`, WHY.api],
      [`http.page.${scope}.rps`, WHY.page],
      [`http.page.${scope}.p99`, WHY.page],
      [`http.api.${scope}.floor-ratio`, WHY.floorApi],
      [`http.page.${scope}.floor-ratio`, WHY.floorPage],
    ]),
  ),
  ...Object.fromEntries(
    ["team", "all"].flatMap((scope) => [
      [`export.rate.${scope}`, WHY.exportRate],
      [`export.first-row.${scope}`, WHY.exportFirstRow],
    ]),
  ),
};

export const CHANGES: string[] = [
  "1. **Indexes that match the list's order.** `sales (owner_id, closed_at, id)` and `sales (closed_at, id)`, read backwards, " +
    "give `closed_at desc, id desc` — the previous `closed_at DESC NULLS LAST, id` indexes could not (a `desc` sort puts nulls " +
    "first, and `id` ran the other way), so every first page and every export batch sorted the whole scope. (`db/schema.ts`, migration 0002.)",
  "2. **Policies the planner can cost, evaluated once per statement.** Each `current_setting()` test in the sales policies is now " +
    "a boolean scalar subquery: an InitPlan computed once per statement instead of three function calls per row, and estimated " +
    'as "half the rows" instead of "0.5%" — with the old estimate PostgreSQL read a whole team\'s 69,000 rows and sorted them ' +
    "for a 50-row page. Same meaning, same settings. (Migration 0003.)",
  "3. **Per-owner summaries kept exact by the database.** `sales_owner_totals` (owner), `sales_monthly_by_region` and " +
    "`sales_monthly_by_product` (owner, month, label) hold deals, won, lost and won amount. A row trigger on `sales` updates them " +
    "in the same transaction (SECURITY DEFINER: the application role can read them under policies mirroring the sales ones, " +
    "never write them), a truncate trigger empties them, and `sales_summaries_rebuild()` recomputes them after a bulk load. " +
    "Keyed by owner, so no sale write touches another owner's summary (sharding by owner stays possible). " +
    "`tests/integration/sales-summaries.test.ts` proves them exact after inserts, updates, moves to another owner and month, " +
    "deletes and multi-row statements, and unwritable by the app. (Migrations 0002–0003.)",
  "4. **The overview reads the summaries.** Whole months come from the monthly summaries, the days of a custom range that do not " +
    "fill a month from `sales`; totals, months, regions and owners come from one pass (`GROUPING SETS`), products from a second: " +
    "two statements instead of five, over at most one row per owner, month and label. (`lib/sales/summaries.ts`, `lib/sales/overview.ts`.)",
  "5. **The list's total, the owner and region choices read the summaries.** The total of an unfiltered list is a sum over " +
    "`sales_owner_totals` (one row per owner); date, region, owner and status filters are counted from the monthly summaries; only " +
    "text search and amount bounds still count rows. The region and product choices are a skip scan over the summary's label " +
    "index (one probe per value); the owner filter's suggestions (ten at a time, as one types) test `sales_owner_totals`. The totals row's amount comes from " +
    "the same summaries, which also add up every deal's and the lost deals' amounts (migration 0018): it summed every matching " +
    "sale before, a full scan per page for an analyst. (`lib/sales/queries.ts`, `lib/sales/summaries.ts`.)",
  "6. **A team written as an array for the summaries.** `owner_id = any(array(…team…))` lets PostgreSQL read each member's summary " +
    "rows by key; the list keeps `owner_id in (…)`, which lets it walk the date index and stop after 50 rows. (`lib/sales/scope.ts`.)",
  "7. **The list's count and first page in one round trip.** Both are sent together on the transaction's connection " +
    "(pipelined); a later page still waits for the count, so a page past the end reads nothing. (`lib/sales/queries.ts`.)",
  "8. **The export reads ahead, and PostgreSQL writes its lines.** The next keyset batch is read while the current one is " +
    "written out, so PostgreSQL and Node work at the same time, and at most two batches are held. Each row arrives as one " +
    "finished CSV line (no Date, number or object per row in Node). The first batch is 200 rows, so the first row leaves at " +
    "once; batches then grow to 5,000. (`lib/sales/export.ts`.)",
  "9. **Prepared statements.** drizzle sends every query unprepared, and postgres.js then describes each statement with " +
    "parameters in a round trip of its own before running it (drizzle-orm#6096): every parameterised query cost two round " +
    "trips. The client now prepares them (described once per connection, then one round trip each), still planned for their " +
    "actual parameters (`plan_cache_mode = force_custom_plan`, as owners' sizes differ a thousandfold). (`db/client.ts`.)",
  "10. **Tried and backed out: the export as one COPY.** `COPY (select …) TO STDOUT (FORMAT binary)` in one read-only, " +
    "repeatable-read transaction as the application role reached 1.2× a bare COPY in process (the export section's figures), " +
    "but lost pool connections under load in CI, cause not found; the export reads keyset batches ahead (item 8) again.",
  "11. **Reports to asks as one types.** An admin's page of a user sent every active person as an option of the reporting " +
    "line's select: 620,876 bytes, 75.1 ms of server and 53.8 ms of PostgreSQL CPU per view, 12 views/s under 16 clients " +
    "(`npm run bench -- --only=pages` before the change). The box now suggests twenty active people at a time from " +
    "`GET /admin/users/managers?q=`, like the sales page's owner filter. The same form's regions were a `select distinct` " +
    "over every (owner, month, region) summary row, 31–85 ms in PostgreSQL per view (its log); they are the sales filter's " +
    "skip scan now, one index probe per region. (`components/ui/person-picker.tsx`, `lib/rbac/users.ts`.)",
  "12. **The session cookie decoded, not re-sealed, and opened once.** Auth.js `auth()` decrypts the session cookie " +
    "and encrypts a refreshed one on every server render, which a page cannot set anyway (the cookie lives as long as a " +
    "session may). `getViewer` decodes it with next-auth's JWT decoder, from the cookie header alone: the floor after " +
    "`requireViewer()` cost 13.8 ms of server CPU per request before, 10.1 ms after (`--only=pages`, same build " +
    "otherwise). Decrypting still cost 0.69 ms of CPU per call (a loop of 2,000), so each distinct cookie is opened once " +
    "and then known by its text until its expiry; the session row is still read on every request. " +
    "(`lib/auth/session-cookie.ts`.)",
  "13. **The sales rows as markup text.** The 50 rows and their phone cards were a client component drawn through " +
    "TanStack's table model: every cell an element, serialised into the RSC payload, read back and rendered to HTML. " +
    "In a test build of the page they took 19 of its 42 ms (the cards alone 5). They are now two strings built on " +
    "the server with every value escaped (`lib/html.ts`), without classes (styled once in `app/globals.css`), and one " +
    "small client component gives them what next/link and the row click gave them. `/sales` went from 39.6 to 27.6 ms " +
    "of server CPU per view in full runs, its answer from 164,599 to 187,301 bytes (the rows are in the HTML and, as " +
    "one string, in the payload). (`components/sales/sale-rows.ts`, `components/sales/row-links.tsx`.)",
  "14. **A scoped transaction's settings go out with its first statement.** `withViewer` waited for the reply to the " +
    "settings-and-role statement before the callback's first query; the database handle now queues it on the " +
    "transaction's connection ahead of the callback's statements, and postgres.js writes them together. Counted on the " +
    "wire (`bench/round-trips.ts`), `listSales` went from 4 to 3 round trips, the overview from 5 to 4 and " +
    "`GET /api/v1/sales` in process from 5 to 4; the in-process API request's p50 from 4.33 to 2.83 ms " +
    "(`npm run bench -- --only=sql --skip-seed` before and after, same machine). (`db/client.ts`, `db/scoped.ts`.)",
  "15. **A rollup of everyone's sales for viewers who see them all.** The analyst's overview summed one row per owner, " +
    "month and label (77,000 region and 99,000 product rows for 12 months): p95 149 ms for 12 months and 315 ms for all " +
    "time. It now reads `sales_monthly_rollup` (month, region, product) plus the changes not folded into it yet, and " +
    "`sales_monthly_by_owner` (or the owners' totals for all time) for the top owners, two statements sent together: " +
    "8.8 and 5.3 ms p95 (`npm run bench -- --only=sql`, same machine). The top owners then sum the range for the 50 " +
    "owners with the most revenue of all time first (no owner earns more within a range than in all time), and every " +
    "owner only when those 50 cannot settle the top ten. No writer updates a shared row: each change is " +
    "appended, and every 64th folds the appended ones in, one fold at a time; readers add both up, so the figures are " +
    "exact at any moment (`sales-overview.test.ts` against the sales themselves, `database-hardening.test.ts` under " +
    "300 concurrent writes). (Migration 0020, `lib/sales/summaries.ts`, `lib/sales/overview.ts`.)",
  "16. **The sales page's totals row from the list's own count.** The page ran the totals in a scoped transaction of " +
    "its own; the list's count statement now adds the amounts up too, so the page holds two scoped transactions (the " +
    "list, the region choices) instead of three. (`lib/sales/queries.ts`.)",
  "17. **The sales page's list and region choices in one transaction** (`salesListView`), their statements sent " +
    "together, on the replica when there is one: one scoped transaction per sales page. Made after the full run " +
    "above, so its figures still show two. (`lib/sales/queries.ts`.)",
];
