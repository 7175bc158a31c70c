CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_reason" varchar(40),
	"address" varchar(64),
	"user_agent" varchar(300)
);
--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
-- Sessions are read and touched on every request by the login, and listed and ended by the
-- application role (the account page, an admin's "end all sessions").
GRANT SELECT, INSERT, UPDATE ON "user_sessions" TO sales_app;
--> statement-breakpoint
-- Changing one's password (the current one is checked by the login, outside the request's role).
GRANT UPDATE ("password_hash") ON "users" TO sales_app;
