CREATE TABLE "sales_monthly_by_product" (
	"owner_id" uuid NOT NULL,
	"month" date NOT NULL,
	"product" varchar(100) NOT NULL,
	"deals" integer NOT NULL,
	"won" integer NOT NULL,
	"lost" integer NOT NULL,
	"won_amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "sales_monthly_by_product_owner_id_month_product_pk" PRIMARY KEY("owner_id","month","product")
);
--> statement-breakpoint
CREATE TABLE "sales_monthly_by_region" (
	"owner_id" uuid NOT NULL,
	"month" date NOT NULL,
	"region" varchar(64) NOT NULL,
	"deals" integer NOT NULL,
	"won" integer NOT NULL,
	"lost" integer NOT NULL,
	"won_amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "sales_monthly_by_region_owner_id_month_region_pk" PRIMARY KEY("owner_id","month","region")
);
--> statement-breakpoint
CREATE TABLE "sales_owner_totals" (
	"owner_id" uuid PRIMARY KEY NOT NULL,
	"deals" integer NOT NULL,
	"won" integer NOT NULL,
	"lost" integer NOT NULL,
	"won_amount" numeric(18, 2) NOT NULL
);
--> statement-breakpoint
DROP INDEX "sales_owner_closed_idx";--> statement-breakpoint
DROP INDEX "sales_closed_idx";--> statement-breakpoint
ALTER TABLE "sales_monthly_by_product" ADD CONSTRAINT "sales_monthly_by_product_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_monthly_by_region" ADD CONSTRAINT "sales_monthly_by_region_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_owner_totals" ADD CONSTRAINT "sales_owner_totals_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_monthly_by_product_product_idx" ON "sales_monthly_by_product" USING btree ("product");--> statement-breakpoint
CREATE INDEX "sales_monthly_by_region_region_idx" ON "sales_monthly_by_region" USING btree ("region");--> statement-breakpoint
CREATE INDEX "sales_owner_closed_idx" ON "sales" USING btree ("owner_id","closed_at","id");--> statement-breakpoint
CREATE INDEX "sales_closed_idx" ON "sales" USING btree ("closed_at","id");