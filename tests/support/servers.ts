// Real PostgreSQL infrastructure for the suites that need it, started on free ports in temporary
// folders: a PgBouncer in transaction mode, and a PostgreSQL primary with a streaming replica.
// PostgreSQL and PgBouncer refuse to run as root, so under root (CI) they run as `postgres`.
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";
export const PGBOUNCER = process.env.PGBOUNCER || "/usr/sbin/pgbouncer";

export function hasPgBouncer(): boolean {
  return existsSync(PGBOUNCER);
}

export function hasPostgresBinaries(): boolean {
  return ["initdb", "pg_ctl", "pg_basebackup"].every((name) => existsSync(path.join(PG_BIN, name)));
}

const asRoot = process.getuid?.() === 0;

/** The command line, run as `postgres` when we are root. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

async function exec(command: string, args: string[]): Promise<string> {
  const [file, argv] = asServerUser(command, args);
  try {
    return (await run(file, argv, { encoding: "utf8" })).stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stderr || stdout || String(error)}`);
  }
}

/** A folder the server user owns. */
async function serverFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningServer {
  host: string;
  port: number;
  /** postgres://postgres@host:port/<database> */
  url(database: string): string;
  stop(): Promise<void>;
}

function serverAt(port: number, stop: () => Promise<void>): RunningServer {
  return { host: "127.0.0.1", port, url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`, stop };
}

/**
 * PgBouncer in transaction mode in front of a PostgreSQL server, with a stock configuration: only
 * the usual `extra_float_digits` is ignored among startup parameters. `poolSize` server connections
 * per database and user, fewer than the clients use, so consecutive transactions of one client
 * really do land on different server connections. `users` may sign in (trust authentication).
 */
export async function startPgBouncer(
  target: { host: string; port: number },
  poolSize = 2,
  users: string[] = ["postgres"],
): Promise<RunningServer> {
  const dir = await serverFolder("ledgerline-pgbouncer-");
  const port = await freePort();
  const ini = path.join(dir, "pgbouncer.ini");
  const userList = path.join(dir, "userlist.txt");
  await writeFile(userList, users.map((user) => `"${user}" ""\n`).join(""));
  await writeFile(
    ini,
    [
      "[databases]",
      `* = host=${target.host} port=${target.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${userList}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "max_client_conn = 500",
      "ignore_startup_parameters = extra_float_digits",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      "",
    ].join("\n"),
  );
  if (asRoot) await run("chown", ["-R", "postgres:postgres", dir]);
  const [file, argv] = asServerUser(PGBOUNCER, [ini]);
  const child = spawn(file, argv, { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitForPort(port, "PgBouncer");
  return serverAt(port, async () => {
    // runuser passes SIGTERM on (PgBouncer's immediate shutdown); it does not pass SIGINT.
    child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  });
}

export interface Cluster extends RunningServer {
  dir: string;
  /** Shuts the server down (fast mode: sessions are ended), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again on the same port after `halt`. */
  resume(): Promise<void>;
  /** Sends a signal to every process of the server, e.g. SIGSTOP to stall it and SIGCONT after. */
  signal(name: "SIGSTOP" | "SIGCONT"): Promise<void>;
}

async function startCluster(dir: string, port: number): Promise<Cluster> {
  const pgCtl = path.join(PG_BIN, "pg_ctl");
  const start = () =>
    exec(pgCtl, [
      "-D",
      dir,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      "start",
    ]);
  await start();
  const server = serverAt(port, async () => {
    await exec(pgCtl, ["-D", dir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  const processes = async () => {
    const postmaster = (await readFile(path.join(dir, "postmaster.pid"), "utf8")).split("\n")[0]!.trim();
    const children = await run("pgrep", ["-P", postmaster], { encoding: "utf8" }).then(
      (r) => r.stdout.split("\n").filter(Boolean),
      () => [],
    );
    return [postmaster, ...children].map(Number);
  };
  return {
    ...server,
    dir,
    halt: async () => {
      await exec(pgCtl, ["-D", dir, "-m", "fast", "-w", "stop"]);
    },
    resume: async () => {
      await start();
    },
    signal: async (name) => {
      for (const pid of await processes()) process.kill(pid, name);
    },
  };
}

/** A new PostgreSQL cluster (initdb, trust authentication) on a free port. */
export async function startPrimary(): Promise<Cluster> {
  const dir = await serverFolder("ledgerline-primary-");
  await exec(path.join(PG_BIN, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-N", "-E", "UTF8"]);
  return startCluster(dir, await freePort());
}

/** A streaming replica of `primary` (pg_basebackup -R) on a free port. */
export async function startReplica(primary: Cluster): Promise<Cluster> {
  const dir = await serverFolder("ledgerline-replica-");
  await exec(path.join(PG_BIN, "pg_basebackup"), [
    "-h",
    primary.host,
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    dir,
    "-R",
    "-X",
    "stream",
    "--checkpoint=fast",
  ]);
  return startCluster(dir, await freePort());
}
