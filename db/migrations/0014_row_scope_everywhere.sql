CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" varchar(120) NOT NULL,
	"view" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "direct_permission_grants" DROP CONSTRAINT "direct_permission_grants_scope";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "manager_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "regions" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_owner_idx" ON "reports" USING btree ("owner_id","updated_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_manager_idx" ON "users" USING btree ("manager_id");--> statement-breakpoint
ALTER TABLE "direct_permission_grants" ADD CONSTRAINT "direct_permission_grants_scope" CHECK ("direct_permission_grants"."scope" is null or "direct_permission_grants"."scope" in ('own', 'region', 'team', 'reports', 'all'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_manager_not_self" CHECK ("users"."manager_id" <> "users"."id");--> statement-breakpoint
GRANT SELECT ("manager_id", "regions"), UPDATE ("manager_id", "regions") ON "users" TO sales_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "reports" TO sales_app;
--> statement-breakpoint
-- Row scope as one mechanism. The signed context (0007, 0011) carries, for every row-scoped
-- resource of lib/rbac/catalog.ts, one field per policy (`<resource>_read`, `_create`, `_update`,
-- `_delete`) holding the kinds of scope held, comma-separated, plus the viewer's team and regions.
-- Three functions turn a field into the rows it reaches; every policy is the same test of them,
-- made by app_row_scope_policies() for the columns the catalog names. Each call sits in a scalar
-- subquery, so it runs once per statement (an InitPlan), not once per row.
CREATE FUNCTION "app_reach_all"(field text) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RETURN coalesce('all' = ANY (string_to_array(public.app_context(field), ',')), false);
END
$$;
--> statement-breakpoint
-- The owners a field reaches: the viewer (`own`), the viewer's team (`team`), the viewer and
-- everyone below them in the reporting line (`reports`, transitive; UNION stops at a cycle).
CREATE FUNCTION "app_reach_owners"(field text) RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  kinds constant text[] := string_to_array(public.app_context(field), ',');
  v_user uuid;
  v_team text;
  reached uuid[] := '{}';
BEGIN
  IF kinds IS NULL THEN
    RETURN reached;
  END IF;
  v_user := public.app_context('user_id')::uuid;
  IF 'own' = ANY (kinds) THEN
    reached := reached || v_user;
  END IF;
  IF 'team' = ANY (kinds) THEN
    v_team := public.app_context('team');
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
  RETURN reached;
END
$$;
--> statement-breakpoint
-- The regions a field reaches: the viewer's, when it holds `region`.
CREATE FUNCTION "app_reach_regions"(field text) RETURNS text[] LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  regions constant text := public.app_context('regions');
BEGIN
  IF NOT coalesce('region' = ANY (string_to_array(public.app_context(field), ',')), false) OR regions IS NULL THEN
    RETURN '{}';
  END IF;
  RETURN ARRAY(SELECT jsonb_array_elements_text(regions::jsonb));
END
$$;
--> statement-breakpoint
-- The test every row scope policy is: `field`'s reach on these columns (no region column: the
-- `region` scope reaches no rows).
CREATE FUNCTION "app_row_scope_test"(field text, owner_column text, region_column text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT format('(SELECT public.app_reach_all(%1$L)) OR %2$I = ANY ((SELECT public.app_reach_owners(%1$L))::uuid[])',
      field, owner_column)
    || CASE WHEN region_column IS NULL THEN ''
       ELSE format(' OR %1$I = ANY ((SELECT public.app_reach_regions(%2$L))::text[])', region_column, field) END
$$;
--> statement-breakpoint
-- Makes (or remakes) the application role's policies of one row-scoped table: a select policy
-- from `<resource>_read` and, with `writes`, insert, update and delete from their own fields.
-- Summaries of a resource take its read policy only. Run by the owner, in migrations.
CREATE FUNCTION "app_row_scope_policies"(
  tbl regclass, resource text, owner_column text, region_column text, writes boolean
) RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  name constant text := (SELECT c.relname FROM pg_class c WHERE c.oid = tbl);
BEGIN
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
REVOKE ALL ON FUNCTION "app_row_scope_policies"(regclass, text, text, text, boolean) FROM PUBLIC;
--> statement-breakpoint
ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "reports" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('CREATE POLICY "reports_maintenance" ON "reports" TO %I USING (true) WITH CHECK (true)', current_user);
  PERFORM app_row_scope_policies('sales', 'sale', 'owner_id', 'region', true);
  PERFORM app_row_scope_policies('sales_owner_totals', 'sale', 'owner_id', NULL, false);
  PERFORM app_row_scope_policies('sales_monthly_by_region', 'sale', 'owner_id', 'region', false);
  PERFORM app_row_scope_policies('sales_monthly_by_product', 'sale', 'owner_id', NULL, false);
  PERFORM app_row_scope_policies('reports', 'report', 'owner_id', NULL, true);
END
$$;
