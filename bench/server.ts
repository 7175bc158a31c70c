// The production build in .next-bench and a `next start` on a free port, pointed at the bench database.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { authSecret } from "@/lib/auth/secret";
import { progress } from "./progress";

export const BENCH_DIST_DIR = ".next-bench";
const NEXT_BIN = path.join(process.cwd(), "node_modules", ".bin", "next");
/** `next build` adds its dist folder's types to these; the bench's build should leave them as they were. */
const FILES_NEXT_REWRITES = ["tsconfig.json", "next-env.d.ts"];

export interface AppServer {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed:\n${output}`)),
    );
  });
}

/** Whether this run has built the app already (the http and pages sections share one build). */
let built = false;

export async function buildApp(skipBuild: boolean): Promise<void> {
  if ((skipBuild || built) && existsSync(path.join(BENCH_DIST_DIR, "BUILD_ID"))) {
    progress(`http: reusing the build in ${BENCH_DIST_DIR}`);
    return;
  }
  progress(`http: next build into ${BENCH_DIST_DIR} (takes a few minutes on two cores)`);
  const saved = FILES_NEXT_REWRITES.filter(existsSync).map((file) => [file, readFileSync(file, "utf8")] as const);
  try {
    await run(NEXT_BIN, ["build"], { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" });
    built = true;
  } finally {
    for (const [file, text] of saved) if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log()}`);
    try {
      const response = await fetch(`${origin}/login`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer within a minute:\n${log()}`);
}

export async function startApp(databaseUrl: string): Promise<AppServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(NEXT_BIN, ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      // The bench's own secret: the row context key stored in the bench database is derived from
      // it, and the server's signed contexts must pass the database's check (db/row-context.ts).
      AUTH_SECRET: authSecret(),
      // The framework floors (lib/bench-floors.ts) answer only in this server.
      BENCH_FLOORS: "on",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  await waitUntilUp(origin, child, () => output);
  progress(`http: next start listening on ${origin} (pid ${child.pid})`);
  return {
    origin,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
