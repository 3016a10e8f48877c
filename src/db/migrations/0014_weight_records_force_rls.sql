-- Weight records: row-level security forced like every user-owned table (the policies join through
-- pets, so a record is visible exactly when its pet is); app_user reads and writes them only
-- through those policies.
ALTER TABLE "weight_records" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "weight_records" TO app_user;
