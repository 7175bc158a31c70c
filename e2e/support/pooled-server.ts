// The e2e server as the README's "Deploying" section runs one: through PgBouncer in transaction
// mode (DATABASE_POOLER=transaction), signed in as a login that is a member of sales_login only,
// with migrations run as the owner over a direct connection (DATABASE_MIGRATION_URL).
// Started by playwright.config.ts when the suite runs on PostgreSQL (E2E_DATABASE_URL): it makes
// the login and the pooler, migrates and seeds as the owner, then runs `npm start`'s entry and,
// when Playwright stops it, stops the server (SIGTERM, as a load balancer would), the pooler and
// the login.
import { spawn } from "node:child_process";
import postgres from "postgres";
import { hasPgBouncer, startPgBouncer, type RunningServer } from "../../tests/support/servers";
import { E2E_DATABASE_URL, E2E_PORT } from "./settings";

const ownerUrl = new URL(E2E_DATABASE_URL);
const login = `e2e_login_${E2E_PORT}`;
const database = ownerUrl.pathname.slice(1);

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { stdio: "inherit", env });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function owner<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  if (!hasPgBouncer()) throw new Error("PgBouncer is not installed (apt-get install -y pgbouncer; .ci/run does it)");
  const seeded = await run("node_modules/.bin/tsx", ["db/seed.ts"], process.env);
  if (seeded !== 0) process.exit(seeded);
  // Roles are cluster-wide: one per e2e port, made afresh.
  await owner(async (sql) => {
    await sql.unsafe(`drop role if exists ${login}`);
    await sql.unsafe(`create role ${login} login in role sales_login`);
  });
  const bouncer: RunningServer = await startPgBouncer(
    { host: ownerUrl.hostname, port: Number(ownerUrl.port || 5432) },
    10,
    [login],
  );
  console.log(`e2e server: through PgBouncer on port ${bouncer.port} as ${login}`);
  const server = spawn("node_modules/.bin/tsx", ["server.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: `postgres://${login}@127.0.0.1:${bouncer.port}/${database}`,
      DATABASE_POOLER: "transaction",
      DATABASE_MIGRATION_URL: E2E_DATABASE_URL,
    },
  });
  const exited = new Promise<number>((resolve) => server.once("exit", (code) => resolve(code ?? 1)));
  const stop = () => server.kill("SIGTERM");
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  const code = await exited;
  await bouncer.stop().catch((error: unknown) => console.error(error));
  await owner((sql) => sql.unsafe(`drop role if exists ${login}`)).catch((error: unknown) => console.error(error));
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
