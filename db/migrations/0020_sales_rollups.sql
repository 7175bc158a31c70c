CREATE TABLE "sales_monthly_by_owner" (
	"owner_id" uuid NOT NULL,
	"month" date NOT NULL,
	"deals" integer NOT NULL,
	"won" integer NOT NULL,
	"lost" integer NOT NULL,
	"won_amount" numeric(18, 2) NOT NULL,
	"lost_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "sales_monthly_by_owner_owner_id_month_pk" PRIMARY KEY("owner_id","month")
);
--> statement-breakpoint
CREATE TABLE "sales_monthly_rollup" (
	"month" date NOT NULL,
	"region" varchar(64) NOT NULL,
	"product" varchar(100) NOT NULL,
	"deals" integer NOT NULL,
	"won" integer NOT NULL,
	"lost" integer NOT NULL,
	"won_amount" numeric(18, 2) NOT NULL,
	"lost_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "sales_monthly_rollup_month_region_product_pk" PRIMARY KEY("month","region","product")
);
--> statement-breakpoint
CREATE TABLE "sales_rollup_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sales_rollup_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" uuid NOT NULL,
	"month" date NOT NULL,
	"region" varchar(64) NOT NULL,
	"product" varchar(100) NOT NULL,
	"deals" integer NOT NULL,
	"won" integer NOT NULL,
	"lost" integer NOT NULL,
	"won_amount" numeric(18, 2) NOT NULL,
	"lost_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sales_monthly_by_owner" ADD CONSTRAINT "sales_monthly_by_owner_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_monthly_by_owner_month_idx" ON "sales_monthly_by_owner" USING btree ("month","owner_id","won","won_amount");--> statement-breakpoint
-- Two more summaries for viewers who see every sale. The per-owner ones answer an analyst's
-- overview only by adding up one row per owner, month and label (about 77,000 region and 99,000
-- product rows a year at 2,000 owners). `sales_monthly_by_owner` is one row per owner and month
-- (the top owners over a range); `sales_monthly_rollup` is everyone's sales by month, region and
-- product, kept without a row that every writer would update and wait on: a change is appended to
-- `sales_rollup_changes` (keyed by owner, like every row the trigger writes), and every 64th change
-- folds the appended ones into the rollup, in the writer's transaction and one fold at a time. A
-- reader adds the rollup and the changes up in one statement, so the sum is exact whichever fold
-- has committed. The fold is the one step that mixes owners; sharded by owner, it would run on a
-- schedule instead of from the trigger.
GRANT SELECT ON "sales_monthly_by_owner", "sales_monthly_rollup", "sales_rollup_changes" TO sales_app;
--> statement-breakpoint
ALTER TABLE "sales_monthly_by_owner" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sales_monthly_by_owner" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sales_monthly_rollup" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sales_monthly_rollup" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sales_rollup_changes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sales_rollup_changes" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The rollup mixes every owner's sales: it is readable only by a viewer whose signed context
-- reaches every sale (app_reach_owners gives NULL for `all`).
CREATE POLICY "sales_monthly_rollup_select" ON "sales_monthly_rollup" FOR SELECT TO sales_app
  USING ((SELECT public.app_reach_owners('sale_read')) IS NULL);
--> statement-breakpoint
CREATE POLICY "sales_rollup_changes_select" ON "sales_rollup_changes" FOR SELECT TO sales_app
  USING ((SELECT public.app_reach_owners('sale_read')) IS NULL);
--> statement-breakpoint
DO $$
BEGIN
  PERFORM app_row_scope_policies('sales_monthly_by_owner', 'sale', 'owner_id', NULL, false);
  EXECUTE format('CREATE POLICY "sales_monthly_by_owner_maintenance" ON "sales_monthly_by_owner" TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY "sales_monthly_rollup_maintenance" ON "sales_monthly_rollup" TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY "sales_rollup_changes_maintenance" ON "sales_rollup_changes" TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;
--> statement-breakpoint
-- Folds the appended changes into the rollup. A writer that finds another fold under way leaves
-- its change for the next one: nobody waits here.
CREATE FUNCTION "sales_rollup_fold"() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(7303551021) THEN
    RETURN;
  END IF;
  WITH moved AS (
    DELETE FROM public.sales_rollup_changes
    RETURNING month, region, product, deals, won, lost, won_amount, lost_amount, amount
  )
  INSERT INTO public.sales_monthly_rollup AS t (month, region, product, deals, won, lost, won_amount, lost_amount, amount)
    SELECT month, region, product, sum(deals), sum(won), sum(lost), sum(won_amount), sum(lost_amount), sum(amount)
    FROM moved GROUP BY 1, 2, 3
  ON CONFLICT (month, region, product) DO UPDATE
    SET deals = t.deals + excluded.deals, won = t.won + excluded.won, lost = t.lost + excluded.lost,
        won_amount = t.won_amount + excluded.won_amount, lost_amount = t.lost_amount + excluded.lost_amount,
        amount = t.amount + excluded.amount;
  DELETE FROM public.sales_monthly_rollup WHERE deals = 0;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "sales_rollup_fold"() FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "sales_summary_change"(
  p_owner uuid, p_closed_at date, p_region text, p_product text, p_status sale_status, p_amount numeric, p_sign integer
) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_month date := date_trunc('month', p_closed_at)::date;
  v_won integer := CASE WHEN p_status = 'won' THEN p_sign ELSE 0 END;
  v_lost integer := CASE WHEN p_status = 'lost' THEN p_sign ELSE 0 END;
  v_won_amount numeric := CASE WHEN p_status = 'won' THEN p_amount * p_sign ELSE 0 END;
  v_lost_amount numeric := CASE WHEN p_status = 'lost' THEN p_amount * p_sign ELSE 0 END;
  v_amount numeric := p_amount * p_sign;
  v_left integer;
  v_change bigint;
BEGIN
  INSERT INTO public.sales_rollup_changes (owner_id, month, region, product, deals, won, lost, won_amount, lost_amount, amount)
  VALUES (p_owner, v_month, p_region, p_product, p_sign, v_won, v_lost, v_won_amount, v_lost_amount, v_amount)
  RETURNING id INTO v_change;
  IF v_change % 64 = 0 THEN
    PERFORM public.sales_rollup_fold();
  END IF;

  IF p_sign > 0 THEN
    INSERT INTO public.sales_owner_totals AS t (owner_id, deals, won, lost, won_amount, lost_amount, amount)
    VALUES (p_owner, 1, v_won, v_lost, v_won_amount, v_lost_amount, v_amount)
    ON CONFLICT (owner_id) DO UPDATE
      SET deals = t.deals + 1, won = t.won + excluded.won, lost = t.lost + excluded.lost,
          won_amount = t.won_amount + excluded.won_amount, lost_amount = t.lost_amount + excluded.lost_amount,
          amount = t.amount + excluded.amount;
    INSERT INTO public.sales_monthly_by_owner AS t (owner_id, month, deals, won, lost, won_amount, lost_amount, amount)
    VALUES (p_owner, v_month, 1, v_won, v_lost, v_won_amount, v_lost_amount, v_amount)
    ON CONFLICT (owner_id, month) DO UPDATE
      SET deals = t.deals + 1, won = t.won + excluded.won, lost = t.lost + excluded.lost,
          won_amount = t.won_amount + excluded.won_amount, lost_amount = t.lost_amount + excluded.lost_amount,
          amount = t.amount + excluded.amount;
    INSERT INTO public.sales_monthly_by_region AS t (owner_id, month, region, deals, won, lost, won_amount, lost_amount, amount)
    VALUES (p_owner, v_month, p_region, 1, v_won, v_lost, v_won_amount, v_lost_amount, v_amount)
    ON CONFLICT (owner_id, month, region) DO UPDATE
      SET deals = t.deals + 1, won = t.won + excluded.won, lost = t.lost + excluded.lost,
          won_amount = t.won_amount + excluded.won_amount, lost_amount = t.lost_amount + excluded.lost_amount,
          amount = t.amount + excluded.amount;
    INSERT INTO public.sales_monthly_by_product AS t (owner_id, month, product, deals, won, lost, won_amount, lost_amount, amount)
    VALUES (p_owner, v_month, p_product, 1, v_won, v_lost, v_won_amount, v_lost_amount, v_amount)
    ON CONFLICT (owner_id, month, product) DO UPDATE
      SET deals = t.deals + 1, won = t.won + excluded.won, lost = t.lost + excluded.lost,
          won_amount = t.won_amount + excluded.won_amount, lost_amount = t.lost_amount + excluded.lost_amount,
          amount = t.amount + excluded.amount;
    RETURN;
  END IF;

  UPDATE public.sales_owner_totals
    SET deals = deals - 1, won = won + v_won, lost = lost + v_lost, won_amount = won_amount + v_won_amount,
        lost_amount = lost_amount + v_lost_amount, amount = amount + v_amount
    WHERE owner_id = p_owner
    RETURNING deals INTO v_left;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'sales_owner_totals has no row for owner %', p_owner;
  END IF;
  IF v_left = 0 THEN
    DELETE FROM public.sales_owner_totals WHERE owner_id = p_owner;
  END IF;

  UPDATE public.sales_monthly_by_owner
    SET deals = deals - 1, won = won + v_won, lost = lost + v_lost, won_amount = won_amount + v_won_amount,
        lost_amount = lost_amount + v_lost_amount, amount = amount + v_amount
    WHERE owner_id = p_owner AND month = v_month
    RETURNING deals INTO v_left;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'sales_monthly_by_owner has no row for owner %, month %', p_owner, v_month;
  END IF;
  IF v_left = 0 THEN
    DELETE FROM public.sales_monthly_by_owner WHERE owner_id = p_owner AND month = v_month;
  END IF;

  UPDATE public.sales_monthly_by_region
    SET deals = deals - 1, won = won + v_won, lost = lost + v_lost, won_amount = won_amount + v_won_amount,
        lost_amount = lost_amount + v_lost_amount, amount = amount + v_amount
    WHERE owner_id = p_owner AND month = v_month AND region = p_region
    RETURNING deals INTO v_left;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'sales_monthly_by_region has no row for owner %, month %, region %', p_owner, v_month, p_region;
  END IF;
  IF v_left = 0 THEN
    DELETE FROM public.sales_monthly_by_region WHERE owner_id = p_owner AND month = v_month AND region = p_region;
  END IF;

  UPDATE public.sales_monthly_by_product
    SET deals = deals - 1, won = won + v_won, lost = lost + v_lost, won_amount = won_amount + v_won_amount,
        lost_amount = lost_amount + v_lost_amount, amount = amount + v_amount
    WHERE owner_id = p_owner AND month = v_month AND product = p_product
    RETURNING deals INTO v_left;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'sales_monthly_by_product has no row for owner %, month %, product %', p_owner, v_month, p_product;
  END IF;
  IF v_left = 0 THEN
    DELETE FROM public.sales_monthly_by_product WHERE owner_id = p_owner AND month = v_month AND product = p_product;
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "sales_summaries_rebuild"() RETURNS void LANGUAGE sql
  SET search_path = pg_catalog, public, pg_temp AS $$
  DELETE FROM public.sales_owner_totals;
  DELETE FROM public.sales_monthly_by_owner;
  DELETE FROM public.sales_monthly_by_region;
  DELETE FROM public.sales_monthly_by_product;
  DELETE FROM public.sales_monthly_rollup;
  DELETE FROM public.sales_rollup_changes;
  INSERT INTO public.sales_owner_totals (owner_id, deals, won, lost, won_amount, lost_amount, amount)
    SELECT owner_id, count(*), count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'),
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0),
      sum(amount)
    FROM public.sales GROUP BY 1;
  INSERT INTO public.sales_monthly_by_owner (owner_id, month, deals, won, lost, won_amount, lost_amount, amount)
    SELECT owner_id, date_trunc('month', closed_at)::date, count(*),
      count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'),
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0),
      sum(amount)
    FROM public.sales GROUP BY 1, 2;
  INSERT INTO public.sales_monthly_by_region (owner_id, month, region, deals, won, lost, won_amount, lost_amount, amount)
    SELECT owner_id, date_trunc('month', closed_at)::date, region, count(*),
      count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'),
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0),
      sum(amount)
    FROM public.sales GROUP BY 1, 2, 3;
  INSERT INTO public.sales_monthly_by_product (owner_id, month, product, deals, won, lost, won_amount, lost_amount, amount)
    SELECT owner_id, date_trunc('month', closed_at)::date, product, count(*),
      count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'),
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0),
      sum(amount)
    FROM public.sales GROUP BY 1, 2, 3;
  INSERT INTO public.sales_monthly_rollup (month, region, product, deals, won, lost, won_amount, lost_amount, amount)
    SELECT date_trunc('month', closed_at)::date, region, product, count(*),
      count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'),
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0),
      sum(amount)
    FROM public.sales GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "sales_summary_truncate"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  DELETE FROM public.sales_owner_totals;
  DELETE FROM public.sales_monthly_by_owner;
  DELETE FROM public.sales_monthly_by_region;
  DELETE FROM public.sales_monthly_by_product;
  DELETE FROM public.sales_monthly_rollup;
  DELETE FROM public.sales_rollup_changes;
  RETURN NULL;
END
$$;
--> statement-breakpoint
SELECT "sales_summaries_rebuild"();
