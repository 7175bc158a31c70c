-- Row scope that SQL run as the application can neither widen nor forge.
--
-- Until now the policies read settings (app.sale_read, app.user_id, …) that the application role
-- may set itself: `set_config('app.sale_read', 'all', true)` widened any scope. Now the app sends
-- one setting, app.context: the viewer's identity and scopes as JSON, signed with HMAC-SHA-256
-- under a key derived from AUTH_SECRET. The key is kept in row_context_key, which only the owner
-- may read; the policies read the context through app_context(), which runs as the owner, checks
-- the signature and the expiry, and answers NULL (no rows) for anything else. The table replicates,
-- so a read replica checks the same signature; nothing is written per request, so a read-only
-- transaction on a replica and a transaction-mode pooler work as before.
--
-- The guarantee needs an application login that is not the owner (or a superuser): see
-- sales_login below and the README's "Least privilege".
CREATE TABLE "row_context_key" (
  "id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
  -- HMAC's two padded keys (key XOR ipad, key XOR opad), so the check is two sha256() calls.
  "inner_pad" bytea NOT NULL CHECK (length("inner_pad") = 64),
  "outer_pad" bytea NOT NULL CHECK (length("outer_pad") = 64),
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
REVOKE ALL ON "row_context_key" FROM PUBLIC;
--> statement-breakpoint
-- One field of the verified context ('user_id', 'team', 'sale_read', 'sale_create', 'sale_update',
-- 'sale_delete'), or NULL when the context is missing, malformed, expired or not signed by the key.
-- Format of app.context: 64 hex digits of the HMAC, a colon, then the JSON it signs.
-- Plain SQL rather than PL/pgSQL: about half the cost per call, and the policies call it a few
-- times per statement. CASE keeps the JSON from being read before its signature is checked.
CREATE FUNCTION "app_context"(field text) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT CASE
    WHEN substr(c.raw, 65, 1) = ':'
     AND encode(sha256(k.outer_pad || sha256(k.inner_pad || convert_to(substr(c.raw, 66), 'UTF8'))), 'hex')
         = substr(c.raw, 1, 64)
    THEN (SELECT nullif(b.body ->> field, '')
          FROM (SELECT substr(c.raw, 66)::jsonb AS body) b
          WHERE jsonb_typeof(b.body -> 'exp') = 'number'
            AND (b.body ->> 'exp')::numeric >= extract(epoch FROM statement_timestamp()))
  END
  FROM (SELECT current_setting('app.context', true) AS raw) c, public.row_context_key k
  WHERE k.id
$$;
--> statement-breakpoint
-- Every sales policy from one template: the scope named by the action's field, read once per
-- statement (each scalar subquery is an InitPlan, as in 0003). Unset means no rows.
DO $$
DECLARE
  v_test constant text := $t$(SELECT public.app_context(%1$L) = 'all')
    OR ((SELECT public.app_context(%1$L) = 'team')
        AND "owner_id" IN (SELECT "id" FROM public.users WHERE "team" = (SELECT public.app_context('team'))))
    OR ((SELECT public.app_context(%1$L) = 'own')
        AND "owner_id" = (SELECT public.app_context('user_id')::uuid))$t$;
  v_read constant text := format(v_test, 'sale_read');
BEGIN
  EXECUTE format('ALTER POLICY "sales_select" ON "sales" USING (%s)', v_read);
  EXECUTE format('ALTER POLICY "sales_insert" ON "sales" WITH CHECK (%s)', format(v_test, 'sale_create'));
  EXECUTE format('ALTER POLICY "sales_update" ON "sales" USING (%1$s) WITH CHECK (%1$s)', format(v_test, 'sale_update'));
  EXECUTE format('ALTER POLICY "sales_delete" ON "sales" USING (%s)', format(v_test, 'sale_delete'));
  EXECUTE format('ALTER POLICY "sales_owner_totals_select" ON "sales_owner_totals" USING (%s)', v_read);
  EXECUTE format('ALTER POLICY "sales_monthly_by_region_select" ON "sales_monthly_by_region" USING (%s)', v_read);
  EXECUTE format('ALTER POLICY "sales_monthly_by_product_select" ON "sales_monthly_by_product" USING (%s)', v_read);
END
$$;
--> statement-breakpoint
-- What the application's login needs besides the application role: to become it per transaction,
-- to check passwords and to keep the sign-in throttle. A deployment's login role is made a member
-- (README, "Least privilege"): neither superuser nor owner, it cannot read row_context_key.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sales_login') THEN
    CREATE ROLE sales_login NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT;
  END IF;
  IF NOT pg_has_role('sales_login', 'sales_app', 'MEMBER') THEN
    GRANT sales_app TO sales_login;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO sales_login;
--> statement-breakpoint
GRANT SELECT ("password_hash") ON "users" TO sales_login;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sign_in_throttle" TO sales_login;
--> statement-breakpoint
-- The health check compares the applied migrations with the build's.
GRANT USAGE ON SCHEMA drizzle TO sales_login;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO sales_login;
