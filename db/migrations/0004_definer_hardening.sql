-- Functions that run as the owner of the tables (SECURITY DEFINER) search pg_catalog, then public,
-- and the session's temporary schema last. With `search_path = public` alone, pg_temp is searched
-- first for relations: a temporary table named like a summary, created by the application role,
-- would receive the trigger's writes, and a trigger on that table would run its function as the owner.
ALTER FUNCTION "sales_summary_change"(uuid, date, text, text, sale_status, numeric, integer)
  SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION "sales_summary_truncate"() SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
ALTER FUNCTION "sales_summaries_rebuild"() SET search_path = pg_catalog, public, pg_temp;
--> statement-breakpoint
-- A sale moved from one owner to another changes both owners' summaries. Taking the first owner's
-- rows and then the second's deadlocks against a move the other way; both owners are locked first,
-- always in the same order, so concurrent moves queue instead. One owner's changes already queue on
-- their sales_owner_totals row, which every change touches first.
CREATE OR REPLACE FUNCTION "sales_summary_trigger"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_first integer;
  v_second integer;
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.owner_id, OLD.closed_at, OLD.region, OLD.product, OLD.status, OLD.amount)
         IS NOT DISTINCT FROM (NEW.owner_id, NEW.closed_at, NEW.region, NEW.product, NEW.status, NEW.amount) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.owner_id <> NEW.owner_id THEN
    v_first := least(hashtext(OLD.owner_id::text), hashtext(NEW.owner_id::text));
    v_second := greatest(hashtext(OLD.owner_id::text), hashtext(NEW.owner_id::text));
    -- The first key names the summaries (the migrations' own lock uses a single bigint key).
    PERFORM pg_advisory_xact_lock(1935764837, v_first);
    IF v_second <> v_first THEN
      PERFORM pg_advisory_xact_lock(1935764837, v_second);
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM public.sales_summary_change(OLD.owner_id, OLD.closed_at, OLD.region, OLD.product, OLD.status, OLD.amount, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM public.sales_summary_change(NEW.owner_id, NEW.closed_at, NEW.region, NEW.product, NEW.status, NEW.amount, 1);
  END IF;
  RETURN NULL;
END
$$;
