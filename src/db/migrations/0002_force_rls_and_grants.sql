-- FORCE: the table owner is subject to the policies too, so only a superuser (never used for
-- requests in production) could bypass them.
ALTER TABLE "pets" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- app_user may touch pets only, and only through the policies; it gets nothing on the auth
-- tables or the rate-limit counters.
GRANT USAGE ON SCHEMA public TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "pets" TO app_user;
