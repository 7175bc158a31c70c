-- The application role: requests run as it (SET LOCAL ROLE inside withViewer). It owns nothing,
-- cannot log in and cannot bypass row level security. Roles are cluster-wide, so create it once.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sales_app') THEN
    CREATE ROLE sales_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'sales_app', 'MEMBER') THEN
    EXECUTE format('GRANT sales_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO sales_app;
--> statement-breakpoint
-- No password hashes for the application role.
GRANT SELECT ("id", "username", "email", "name", "base_role", "is_superuser", "is_active", "team", "session_version", "created_at", "updated_at") ON "users" TO sales_app;
--> statement-breakpoint
GRANT UPDATE ("name", "email", "base_role", "is_superuser", "is_active", "team", "session_version", "updated_at") ON "users" TO sales_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "custom_roles", "user_custom_roles", "direct_permission_grants" TO sales_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "api_tokens" TO sales_app;
--> statement-breakpoint
-- The audit log is append-only for the application.
GRANT SELECT, INSERT ON "audit_log" TO sales_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sales" TO sales_app;
--> statement-breakpoint
ALTER TABLE "sales" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sales" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Each policy reads the scope the viewer holds for that action (own, team or all); an unset
-- setting matches no row.
CREATE POLICY "sales_select" ON "sales" FOR SELECT TO sales_app USING (
    NULLIF(current_setting('app.sale_read', true), '') = 'all'
    OR (NULLIF(current_setting('app.sale_read', true), '') = 'team'
        AND "owner_id" IN (SELECT "id" FROM "users" WHERE "team" = NULLIF(current_setting('app.team', true), '')))
    OR (NULLIF(current_setting('app.sale_read', true), '') = 'own'
        AND "owner_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  );
--> statement-breakpoint
CREATE POLICY "sales_insert" ON "sales" FOR INSERT TO sales_app WITH CHECK (
    NULLIF(current_setting('app.sale_create', true), '') = 'all'
    OR (NULLIF(current_setting('app.sale_create', true), '') = 'team'
        AND "owner_id" IN (SELECT "id" FROM "users" WHERE "team" = NULLIF(current_setting('app.team', true), '')))
    OR (NULLIF(current_setting('app.sale_create', true), '') = 'own'
        AND "owner_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  );
--> statement-breakpoint
CREATE POLICY "sales_update" ON "sales" FOR UPDATE TO sales_app USING (
    NULLIF(current_setting('app.sale_update', true), '') = 'all'
    OR (NULLIF(current_setting('app.sale_update', true), '') = 'team'
        AND "owner_id" IN (SELECT "id" FROM "users" WHERE "team" = NULLIF(current_setting('app.team', true), '')))
    OR (NULLIF(current_setting('app.sale_update', true), '') = 'own'
        AND "owner_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  )
  WITH CHECK (
    NULLIF(current_setting('app.sale_update', true), '') = 'all'
    OR (NULLIF(current_setting('app.sale_update', true), '') = 'team'
        AND "owner_id" IN (SELECT "id" FROM "users" WHERE "team" = NULLIF(current_setting('app.team', true), '')))
    OR (NULLIF(current_setting('app.sale_update', true), '') = 'own'
        AND "owner_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  );
--> statement-breakpoint
CREATE POLICY "sales_delete" ON "sales" FOR DELETE TO sales_app USING (
    NULLIF(current_setting('app.sale_delete', true), '') = 'all'
    OR (NULLIF(current_setting('app.sale_delete', true), '') = 'team'
        AND "owner_id" IN (SELECT "id" FROM "users" WHERE "team" = NULLIF(current_setting('app.team', true), '')))
    OR (NULLIF(current_setting('app.sale_delete', true), '') = 'own'
        AND "owner_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  );
--> statement-breakpoint
-- FORCE applies the policies to the table owner as well; the owner (migrations, seed, benchmarks)
-- keeps full access through this explicit policy, never the application role.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY "sales_maintenance" ON "sales" TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
