// Vitest global setup of the integration project: builds the migrated and seeded demo once per
// run, so each suite starts from a copy of it instead of booting, migrating and seeding its own.
// PGlite: a dump of the data folder, loaded by each suite into a new in-memory instance (loading
// skips initdb, most of a new instance's cost). PostgreSQL: a template database each suite copies
// with CREATE DATABASE … TEMPLATE. Either way every suite still owns a database of its own. With a
// PostgreSQL server it also starts a PgBouncer in transaction mode for the suites that run through
// a pooler.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, pgliteHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed";
import { hasPgBouncer, startPgBouncer, type RunningServer } from "./servers";

declare module "vitest" {
  export interface ProvidedContext {
    /** File holding a dump of a seeded PGlite data folder. */
    pgliteDemoDump: string;
    /** Name of the seeded template database on TEST_DATABASE_URL's server; empty without one. */
    postgresDemoTemplate: string;
    /** Port of a PgBouncer (transaction mode) in front of TEST_DATABASE_URL's server; 0 without one. */
    pgbouncerPort: number;
    /**
     * A login role that is a member of sales_login only (neither superuser nor owner), as the
     * README's least-privilege setup makes it: the suites' app connections use it. Empty without a
     * PostgreSQL server.
     */
    appLogin: string;
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function pgliteDump(folder: string): Promise<string> {
  const client = await PGlite.create();
  try {
    const handle = pgliteHandle(client);
    await migrateDatabase(handle);
    await seedDemo(handle.db);
    const file = path.join(folder, "demo.tar");
    await writeFile(file, Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer()));
    return file;
  } finally {
    await client.close();
  }
}

async function postgresTemplate(adminUrl: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `test_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    const handle = await openDatabase({ url: databaseUrl(adminUrl, name), max: 1 });
    try {
      await migrateDatabase(handle);
      await seedDemo(handle.db);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, drop };
}

/** A PgBouncer in front of the test server: required in CI, skipped (and said so) elsewhere. */
async function pooler(adminUrl: string, users: string[]): Promise<RunningServer | undefined> {
  if (!hasPgBouncer()) {
    if (process.env.CI) throw new Error("CI needs PgBouncer for the pooled suites: apt-get install -y pgbouncer");
    console.warn("PgBouncer is not installed: the suites through a transaction pooler are skipped");
    return undefined;
  }
  const { hostname, port } = new URL(adminUrl);
  return startPgBouncer({ host: hostname, port: Number(port || 5432) }, 2, users);
}

/** The run's least-privileged login; sales_login itself is made by the migrations. */
async function appLogin(adminUrl: string, name: string): Promise<{ drop(): Promise<void> }> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create role ${name} login in role sales_login`);
  return {
    drop: async () => {
      await admin.unsafe(`drop role if exists ${name}`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "ledgerline-tests-"));
  const adminUrl = process.env.TEST_DATABASE_URL;
  const loginName = `test_app_${randomBytes(6).toString("hex")}`;
  const [dump, template, bouncer] = await Promise.all([
    pgliteDump(folder),
    adminUrl ? postgresTemplate(adminUrl) : Promise.resolve(undefined),
    adminUrl ? pooler(adminUrl, ["postgres", loginName]) : Promise.resolve(undefined),
  ]);
  const login = adminUrl ? await appLogin(adminUrl, loginName) : undefined;
  project.provide("pgliteDemoDump", dump);
  project.provide("postgresDemoTemplate", template?.name ?? "");
  project.provide("pgbouncerPort", bouncer?.port ?? 0);
  project.provide("appLogin", login ? loginName : "");
  return async () => {
    await bouncer?.stop();
    await template?.drop();
    await login?.drop();
    await rm(folder, { recursive: true, force: true });
  };
}
