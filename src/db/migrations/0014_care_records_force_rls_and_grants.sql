-- Like pets: row-level security forced on the care records, and app_user may read, add, change and
-- remove them only through their policies (which follow the pet).
ALTER TABLE "vaccinations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vet_visits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "vaccinations" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "vet_visits" TO app_user;
