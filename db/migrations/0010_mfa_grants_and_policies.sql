-- Second factors. Inside a request, the application role may see whether the viewer has one and
-- add one for the viewer (enrolment), never read a secret back nor spend or remove a code. Reading
-- secrets, accepting codes and removing a factor run as the login (lib/auth/mfa.ts), like the
-- password check: sales_login may do so for any user, sales_app for the viewer only.
GRANT SELECT ("user_id", "enabled_at"), INSERT ("user_id", "secret", "last_step", "enabled_at") ON "user_mfa" TO sales_app;
--> statement-breakpoint
GRANT SELECT ("id", "user_id", "used_at", "created_at"), INSERT ON "mfa_recovery_codes" TO sales_app;
--> statement-breakpoint
GRANT SELECT, UPDATE, DELETE ON "user_mfa", "mfa_recovery_codes" TO sales_login;
--> statement-breakpoint
-- Enabled, not forced: the owner (the quick start's login) reads everything.
ALTER TABLE "user_mfa" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "user_mfa_own" ON "user_mfa" FOR ALL TO sales_app
  USING ("user_id" = (SELECT public.app_context('user_id')::uuid))
  WITH CHECK ("user_id" = (SELECT public.app_context('user_id')::uuid));
--> statement-breakpoint
CREATE POLICY "mfa_recovery_codes_own" ON "mfa_recovery_codes" FOR ALL TO sales_app
  USING ("user_id" = (SELECT public.app_context('user_id')::uuid))
  WITH CHECK ("user_id" = (SELECT public.app_context('user_id')::uuid));
--> statement-breakpoint
CREATE POLICY "user_mfa_login" ON "user_mfa" FOR ALL TO sales_login USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "mfa_recovery_codes_login" ON "mfa_recovery_codes" FOR ALL TO sales_login USING (true) WITH CHECK (true);
