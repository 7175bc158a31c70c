// Settings shared by playwright.config.ts, the global setup and specs. Plain values derived from
// the environment, so every Playwright process (runner and workers) computes the same ones.
import { existsSync } from "node:fs";

/** Port of the e2e server (`next start`), separate from a developer's 3000. */
export const E2E_PORT = Number(process.env.E2E_PORT || 3100);

export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/**
 * A second `next start` of the same build on the same database, when that database is PostgreSQL
 * (an embedded one opens in one process only): the scale-out spec signs in on one server and
 * carries on on the other.
 */
export const SECOND_PORT = Number(process.env.E2E_SECOND_PORT || E2E_PORT + 1);
export const SECOND_URL = `http://127.0.0.1:${SECOND_PORT}`;

/** Build folder of the e2e server; `npm test` builds it (next.config.mjs reads NEXT_DIST_DIR). */
export const E2E_DIST_DIR = ".next-e2e";

/** A real PostgreSQL database for the e2e server, when set (.ci/run makes a fresh one). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || "";

/** Otherwise a fresh embedded database, deleted before each run; one folder per port. */
export const E2E_PGLITE_DIR = `.data/e2e-${E2E_PORT}`;

/** Fixed secret of the e2e server: its session cookies are throwaway. */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production-0123456789abcdef";

/** The demo accounts' password (db/seed.ts reads the same variable). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "correct-horse-battery";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** The system Chromium when installed, else Playwright's own browser (undefined). */
export const CHROMIUM_PATH = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

/** This machine's closed network refuses Chromium's background connections; switch them off. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
