-- Medications and their doses: FORCE so the owner role obeys the policies too, and app_user's grants
-- (doses are recorded and removed, never changed: no UPDATE).
ALTER TABLE "medications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "medication_doses" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "medications" TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE "medication_doses" TO app_user;
