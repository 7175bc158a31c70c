// Shared by the admin-*.test.ts suites: a seeded database, demo viewers by name, the console's
// forms as a browser sends them, and a snapshot of everything RBAC to prove a refusal changed nothing.
// Suites that import this must mock "@/lib/auth/viewer" with ./admin-session.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { queryRows } from "@/db/client";
import { idle, type ActionState, type FormAction } from "@/lib/action-state";
import { loadViewerById, type Viewer } from "@/lib/auth/principal";
import { demoDatabase, type DatabaseKind, type TestDatabase } from "../support/databases";
import { session } from "./admin-session";

export const NON_ADMINS = ["vera", "dave", "dev"] as const;

export interface AuditRow {
  actor_username: string | null;
  action: string;
  target_label: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface AdminFixture {
  test: TestDatabase;
  idOf(username: string): Promise<string>;
  /** Loaded afresh on each call, as each request does. */
  viewer(username: string): Promise<Viewer>;
  auditCount(): Promise<number>;
  lastAudit(): Promise<AuditRow>;
  /** Roles, assignments, grants, accounts and the audit log's size, as one comparable value. */
  snapshot(): Promise<string>;
  dispose(): Promise<void>;
}

export async function adminFixture(kind: DatabaseKind): Promise<AdminFixture> {
  const test = await demoDatabase(kind);
  const db = test.owner.db;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);

  const idOf = async (username: string) => {
    const [row] = await rows<{ id: string }>(sql`select id from users where username = ${username}`);
    if (!row) throw new Error(`no user ${username}`);
    return row.id;
  };

  return {
    test,
    idOf,
    async viewer(username) {
      const viewer = await loadViewerById(db, await idOf(username));
      if (!viewer) throw new Error(`${username} is not an active user`);
      return viewer;
    },
    async auditCount() {
      const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log`);
      return row?.n ?? 0;
    },
    async lastAudit() {
      const [row] = await rows<AuditRow>(
        sql`select actor_username, action, target_label, reason, before, after from audit_log
            order by created_at desc, id desc limit 1`,
      );
      if (!row) throw new Error("the audit log is empty");
      return row;
    },
    async snapshot() {
      const state = await Promise.all([
        rows(sql`select name, description, permissions from custom_roles order by name`),
        rows(sql`select user_id, role_id from user_custom_roles order by user_id, role_id`),
        rows(sql`select id, resource, actions, scope, expires_at, is_active from direct_permission_grants order by id`),
        rows(sql`select username, base_role, team, is_active, is_superuser from users order by username`),
        rows(sql`select count(*)::int as n from audit_log`),
      ]);
      return JSON.stringify(state);
    },
    dispose: () => test.dispose(),
  };
}

export type Fields = Record<string, string | string[]>;

/** The FormData a browser posts; an array is a checkbox group (one entry per checked box). */
export function formData(fields: Fields): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of [value].flat()) data.append(key, item);
  }
  return data;
}

/** A real server action, posted by `viewer` (null: signed out). */
export async function post(action: FormAction, fields: Fields, viewer: Viewer | null): Promise<ActionState> {
  session.viewer = viewer;
  try {
    return await action(idle, formData(fields));
  } finally {
    session.viewer = null;
  }
}

/** Where a real server action, posted by `viewer`, sent the browser next; an answer instead fails the test. */
export async function postRedirect(action: FormAction, fields: Fields, viewer: Viewer | null): Promise<string> {
  session.viewer = viewer;
  try {
    const state = await action(idle, formData(fields));
    throw new Error(`expected a redirect, got ${JSON.stringify(state)}`);
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) throw error;
    return digest.split(";")[2] ?? "";
  } finally {
    session.viewer = null;
  }
}

/** How a form shows a refusal for want of permission (the service's Forbidden). */
export const FORBIDDEN = {
  status: "error",
  error: expect.stringMatching(/only an admin|only a superuser|permission|requires/i),
} as const;
