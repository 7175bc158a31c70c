-- Row scope policies with fewer and cheaper InitPlans. A policy held three InitPlans
-- (app_reach_all, app_reach_owners, app_reach_regions); each read two or three fields through
-- app_context(), itself a SECURITY DEFINER function that switched the user and search_path again,
-- checked the signature (two SHA-256 passes and the key's row) and parsed the JSON every time.
-- Now the signature is checked once per reach by app_context_body(), a plain function that only
-- the definer functions call (as the owner, within their pinned search_path; the application role
-- may not execute it, nor read the key it needs). "All rows" is a NULL owner list, so a table
-- without a region column needs one InitPlan and one with it two. That encoding is sound because
-- the owner lists never hold NULL and every owner column is NOT NULL (app_row_scope_policies
-- refuses a nullable one): `owner = ANY (list)` is then NULL only when the list is.
CREATE FUNCTION "app_context_body"() RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
  raw constant text := current_setting('app.context', true);
  key record;
  body jsonb;
BEGIN
  IF raw IS NULL OR substr(raw, 65, 1) IS DISTINCT FROM ':' THEN
    RETURN NULL;
  END IF;
  SELECT k.inner_pad, k.outer_pad INTO key FROM public.row_context_key k WHERE k.id;
  IF NOT FOUND
     OR encode(sha256(key.outer_pad || sha256(key.inner_pad || convert_to(substr(raw, 66), 'UTF8'))), 'hex')
        IS DISTINCT FROM substr(raw, 1, 64) THEN
    RETURN NULL;
  END IF;
  body := substr(raw, 66)::jsonb;
  IF jsonb_typeof(body -> 'exp') IS DISTINCT FROM 'number' THEN
    RETURN NULL;
  END IF;
  IF (body ->> 'exp')::numeric < extract(epoch FROM statement_timestamp()) THEN
    RETURN NULL;
  END IF;
  RETURN body;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "app_context_body"() FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_context"(field text) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RETURN nullif(public.app_context_body() ->> field, '');
END
$$;
--> statement-breakpoint
-- The owners a field reaches, or NULL for every row (`all`).
CREATE OR REPLACE FUNCTION "app_reach_owners"(field text) RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  body constant jsonb := public.app_context_body();
  kinds constant text[] := string_to_array(nullif(body ->> field, ''), ',');
  v_user uuid;
  v_team text;
  reached uuid[] := '{}';
BEGIN
  IF kinds IS NULL THEN
    RETURN reached;
  END IF;
  IF 'all' = ANY (kinds) THEN
    RETURN NULL;
  END IF;
  v_user := nullif(body ->> 'user_id', '')::uuid;
  IF 'own' = ANY (kinds) THEN
    reached := reached || v_user;
  END IF;
  IF 'team' = ANY (kinds) THEN
    v_team := nullif(body ->> 'team', '');
    IF v_team IS NOT NULL THEN
      reached := reached || ARRAY(SELECT u.id FROM public.users u WHERE u.team = v_team);
    END IF;
  END IF;
  IF 'reports' = ANY (kinds) THEN
    reached := reached || ARRAY(
      WITH RECURSIVE line(id) AS (
        SELECT v_user
        UNION
        SELECT u.id FROM public.users u JOIN line ON u.manager_id = line.id
      ) SELECT line.id FROM line);
  END IF;
  RETURN array_remove(reached, NULL);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_reach_regions"(field text) RETURNS text[] LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  body constant jsonb := public.app_context_body();
  regions constant text := nullif(body ->> 'regions', '');
BEGIN
  IF NOT coalesce('region' = ANY (string_to_array(nullif(body ->> field, ''), ',')), false) OR regions IS NULL THEN
    RETURN '{}';
  END IF;
  RETURN ARRAY(SELECT jsonb_array_elements_text(regions::jsonb));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_row_scope_test"(field text, owner_column text, region_column text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT format('coalesce(%2$I = ANY ((SELECT public.app_reach_owners(%1$L))::uuid[]), true)', field, owner_column)
    || CASE WHEN region_column IS NULL THEN ''
       ELSE format(' OR %1$I = ANY ((SELECT public.app_reach_regions(%2$L))::text[])', region_column, field) END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "app_row_scope_policies"(
  tbl regclass, resource text, owner_column text, region_column text, writes boolean
) RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name constant text := (SELECT c.relname FROM pg_class c WHERE c.oid = tbl);
BEGIN
  IF NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = tbl AND a.attname = owner_column AND a.attnotnull) THEN
    RAISE EXCEPTION 'row scope on %: owner column % must be NOT NULL', tbl, owner_column;
  END IF;
  EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_select', tbl);
  EXECUTE format('CREATE POLICY %I ON %s FOR SELECT TO sales_app USING (%s)', name || '_select', tbl,
    public.app_row_scope_test(resource || '_read', owner_column, region_column));
  IF writes THEN
    EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_insert', tbl);
    EXECUTE format('CREATE POLICY %I ON %s FOR INSERT TO sales_app WITH CHECK (%s)', name || '_insert', tbl,
      public.app_row_scope_test(resource || '_create', owner_column, region_column));
    EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_update', tbl);
    EXECUTE format('CREATE POLICY %I ON %s FOR UPDATE TO sales_app USING (%3$s) WITH CHECK (%3$s)',
      name || '_update', tbl, public.app_row_scope_test(resource || '_update', owner_column, region_column));
    EXECUTE format('DROP POLICY IF EXISTS %I ON %s', name || '_delete', tbl);
    EXECUTE format('CREATE POLICY %I ON %s FOR DELETE TO sales_app USING (%s)', name || '_delete', tbl,
      public.app_row_scope_test(resource || '_delete', owner_column, region_column));
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  PERFORM app_row_scope_policies('sales', 'sale', 'owner_id', 'region', true);
  PERFORM app_row_scope_policies('sales_owner_totals', 'sale', 'owner_id', NULL, false);
  PERFORM app_row_scope_policies('sales_monthly_by_region', 'sale', 'owner_id', 'region', false);
  PERFORM app_row_scope_policies('sales_monthly_by_product', 'sale', 'owner_id', NULL, false);
  PERFORM app_row_scope_policies('reports', 'report', 'owner_id', NULL, true);
END
$$;
--> statement-breakpoint
DROP FUNCTION "app_reach_all"(text);
