-- Audit events: RLS forced like every user-owned table; app_user may only read (its own rows,
-- by policy). The owner role writes through the permissive insert policy.
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON TABLE "audit_events" TO app_user;
