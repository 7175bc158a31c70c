import { defineConfig } from "@playwright/test";
import {
  BASE_URL,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_AUTH_SECRET,
  E2E_DATABASE_URL,
  E2E_DIST_DIR,
  E2E_PGLITE_DIR,
  E2E_PORT,
  SECOND_PORT,
} from "./e2e/support/settings";

// The server under test is the production build (`npm test` makes it in .next-e2e) on its own
// database: E2E_DATABASE_URL when set, else a fresh embedded PGlite folder. db/seed.ts migrates
// and loads the demo for either kind before `next start`.
const serverSteps = [
  `test -f ${E2E_DIST_DIR}/BUILD_ID || { echo "No build in ${E2E_DIST_DIR}: run 'NEXT_DIST_DIR=${E2E_DIST_DIR} npx next build' first (npm test does)." >&2; exit 1; }`,
  ...(E2E_DATABASE_URL ? [] : [`rm -rf ${E2E_PGLITE_DIR}`]),
  "node_modules/.bin/tsx db/seed.ts",
  "exec node_modules/.bin/tsx server.ts",
];

const serverEnv = {
  NEXT_DIST_DIR: E2E_DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
  // Empty means embedded: a developer's own DATABASE_URL must never receive the demo seed.
  DATABASE_URL: E2E_DATABASE_URL,
  PGLITE_DIR: E2E_PGLITE_DIR,
  AUTH_SECRET: E2E_AUTH_SECRET,
  AUTH_TRUST_HOST: "true",
  HOSTNAME: "127.0.0.1",
  PORT: String(E2E_PORT),
};

const mainServer = {
  command: serverSteps.join(" && "),
  port: E2E_PORT,
  // Set E2E_REUSE_SERVER=1 to run specs against a server you keep running on E2E_PORT.
  reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
  timeout: 180_000,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 5_000 },
  env: serverEnv,
};

// On PostgreSQL the main server runs as a deployment would: through PgBouncer in transaction mode,
// signed in as a least-privileged login (e2e/support/pooled-server.ts).
const pooledServer = {
  ...mainServer,
  command: `${serverSteps[0]} && exec node_modules/.bin/tsx e2e/support/pooled-server.ts`,
};

// The same build again on the same PostgreSQL database, directly and as the owner, sharing only the settings the README's
// "Deploying" section says must be shared; it waits for the first server's migrations.
const secondServer = {
  ...mainServer,
  command: "node_modules/.bin/tsx db/prepare.ts start && exec node_modules/.bin/tsx server.ts",
  port: SECOND_PORT,
  env: { ...serverEnv, PORT: String(SECOND_PORT) },
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  // Artifacts of failed tests (traces, screenshots). Not test-results/ itself: Playwright empties
  // this folder on start, and the vitest reports live next to it. Product screenshots that specs
  // save to e2e/screenshots/ are not touched.
  outputDir: "test-results/e2e-artifacts",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  // Two cores: the server, Chromium and the runner already share them. The specs share one
  // seeded database, so one worker also keeps them from stepping on each other.
  workers: Number(process.env.E2E_WORKERS || 1),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Each sign-in hashes a password (argon2id) on a 2-core machine the browser and server share.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    locale: "en-US",
    timezoneId: "UTC",
    viewport: { width: 1280, height: 800 },
    navigationTimeout: 20_000,
    // A failed test keeps its trace of actions and DOM snapshots; the trace's screencast is left
    // out, as recording it for every test cost the 2-core runner more than any spec.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium" }],
  webServer: E2E_DATABASE_URL ? [pooledServer, secondServer] : mainServer,
});
