CREATE TABLE "access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"resource" varchar(64) NOT NULL,
	"actions" jsonb NOT NULL,
	"scope" varchar(8),
	"reason" text NOT NULL,
	"duration_hours" integer NOT NULL,
	"status" varchar(16) DEFAULT 'pending' NOT NULL,
	"decided_by_id" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"grant_id" uuid,
	"seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_requests_status" CHECK ("access_requests"."status" in ('pending', 'approved', 'denied')),
	CONSTRAINT "access_requests_duration" CHECK ("access_requests"."duration_hours" > 0)
);
--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_grant_id_direct_permission_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."direct_permission_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_requests_requester_idx" ON "access_requests" USING btree ("requester_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "access_requests_pending_idx" ON "access_requests" USING btree ("created_at") WHERE "access_requests"."status" = 'pending';--> statement-breakpoint
-- Like direct grants, requests are authorized in lib/rbac/access-requests.ts (the requester's own,
-- or any for a holder of permission:update); the application role may file and decide them, never
-- delete one: a decided request stays as the record of what was asked and why.
GRANT SELECT, INSERT, UPDATE ON "access_requests" TO sales_app;
