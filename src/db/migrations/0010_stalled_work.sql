-- Stalled work (ADR 0020): the resume-stalled-work job finds, across accounts, photos still
-- processing and exports still queued or running, to send their jobs again or give up on them.
-- It reads as app_maintenance, which sees only those rows and only the columns that find them;
-- every change it then makes runs as the row's own user (withUser). NOLOGIN, NOBYPASSRLS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_maintenance') THEN
    CREATE ROLE app_maintenance NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'app_maintenance', 'MEMBER') THEN
    EXECUTE format('GRANT app_maintenance TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_maintenance;
--> statement-breakpoint
GRANT SELECT ("id", "user_id", "photo_status", "photo_original_key", "updated_at") ON TABLE "pets" TO app_maintenance;
--> statement-breakpoint
GRANT SELECT ("id", "user_id", "status", "created_at") ON TABLE "data_exports" TO app_maintenance;
--> statement-breakpoint
CREATE INDEX "pets_processing_idx" ON "pets" USING btree ("updated_at") WHERE "pets"."photo_status" = 'processing';--> statement-breakpoint
CREATE POLICY "data_exports_select_stalled" ON "data_exports" AS PERMISSIVE FOR SELECT TO "app_maintenance" USING (status in ('queued', 'running'));--> statement-breakpoint
CREATE POLICY "pets_select_stalled" ON "pets" AS PERMISSIVE FOR SELECT TO "app_maintenance" USING (photo_status = 'processing');
