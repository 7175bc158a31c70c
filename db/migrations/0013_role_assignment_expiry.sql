-- Role assignments may end on their own, like direct grants: past expires_at an assignment counts
-- for nothing, judged on the database clock when the viewer is resolved. Null means until revoked.
ALTER TABLE "user_custom_roles" ADD COLUMN "expires_at" timestamp with time zone;
