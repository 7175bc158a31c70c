-- Expiries become audit entries: one "expired" row per grant or assignment and end time (the unique
-- index makes concurrent sweeps write it once). The expiry indexes serve the "Expiring soon" page and the sweep.
CREATE UNIQUE INDEX "audit_log_expired_once" ON "audit_log" USING btree ("action",("before" ->> 'id'),("before" ->> 'expires_at')) WHERE "audit_log"."action" in ('grant.expired', 'role.assignment_expired');--> statement-breakpoint
CREATE INDEX "direct_permission_grants_expires_idx" ON "direct_permission_grants" USING btree ("expires_at") WHERE "direct_permission_grants"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "user_custom_roles_expires_idx" ON "user_custom_roles" USING btree ("expires_at") WHERE "user_custom_roles"."expires_at" is not null;