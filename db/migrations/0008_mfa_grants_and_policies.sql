-- Second factors. The application role may see whether a user has one and add one for the viewer
-- (enrolment), never read a secret back nor spend or remove a code: reading secrets, accepting
-- codes and removing a factor run as the table owner (lib/auth/mfa-store.ts), like the password check.
GRANT SELECT ("user_id", "enabled_at"), INSERT ("user_id", "secret", "last_step", "enabled_at") ON "user_mfa" TO sales_app;
--> statement-breakpoint
GRANT SELECT ("id", "user_id", "used_at", "created_at"), INSERT ON "mfa_recovery_codes" TO sales_app;
--> statement-breakpoint
-- Enabled, not forced: the owner reads secrets at sign-in; the application role sees the viewer's rows only.
ALTER TABLE "user_mfa" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "mfa_recovery_codes" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY "user_mfa_own" ON "user_mfa" FOR ALL TO sales_app
  USING ("user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK ("user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY "mfa_recovery_codes_own" ON "mfa_recovery_codes" FOR ALL TO sales_app
  USING ("user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK ("user_id" = NULLIF(current_setting('app.user_id', true), '')::uuid);
