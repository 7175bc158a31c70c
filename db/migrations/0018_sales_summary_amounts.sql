ALTER TABLE "sales_monthly_by_product" ADD COLUMN "lost_amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_monthly_by_product" ADD COLUMN "amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_monthly_by_region" ADD COLUMN "lost_amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_monthly_by_region" ADD COLUMN "amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_owner_totals" ADD COLUMN "lost_amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "sales_owner_totals" ADD COLUMN "amount" numeric(18, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
-- The summaries also add up every deal's amount and the lost ones', so the list's totals row (the
-- count and sum of every matching deal) reads one row per owner instead of every sale in scope.
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
BEGIN
  IF p_sign > 0 THEN
    INSERT INTO public.sales_owner_totals AS t (owner_id, deals, won, lost, won_amount, lost_amount, amount)
    VALUES (p_owner, 1, v_won, v_lost, v_won_amount, v_lost_amount, v_amount)
    ON CONFLICT (owner_id) DO UPDATE
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
  DELETE FROM public.sales_monthly_by_region;
  DELETE FROM public.sales_monthly_by_product;
  INSERT INTO public.sales_owner_totals (owner_id, deals, won, lost, won_amount, lost_amount, amount)
    SELECT owner_id, count(*), count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'),
      coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0),
      sum(amount)
    FROM public.sales GROUP BY 1;
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
$$;
--> statement-breakpoint
SELECT "sales_summaries_rebuild"();
