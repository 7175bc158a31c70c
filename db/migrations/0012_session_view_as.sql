-- A session records a view-as preview started in it (whose dashboard, until when). The table-wide
-- SELECT, INSERT, UPDATE that 0008 grants sales_app (and so sales_login) covers the new columns;
-- user_sessions has no row level security, as in 0008.
ALTER TABLE "user_sessions" ADD COLUMN "view_as_user_id" uuid;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD COLUMN "view_as_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_view_as_user_id_users_id_fk" FOREIGN KEY ("view_as_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;