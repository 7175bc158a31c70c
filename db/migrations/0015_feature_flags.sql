CREATE TABLE "feature_flags" (
	"key" varchar(64) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"base_roles" "base_role"[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" uuid,
	CONSTRAINT "feature_flags_key_format" CHECK ("feature_flags"."key" ~ '^[a-z][a-z0-9_]{1,63}$')
);
--> statement-breakpoint
ALTER TABLE "feature_flags" ADD CONSTRAINT "feature_flags_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Flags are product-wide, not per-owner rows, so no row level security (like custom_roles). The
-- product's code defines them (the migration step inserts them as the owner): the application
-- role reads them and switches them, never adds, renames or removes one.
GRANT SELECT, UPDATE ("enabled", "base_roles", "updated_at", "updated_by_id") ON "feature_flags" TO sales_app;
