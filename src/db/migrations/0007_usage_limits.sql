-- Rate-limit counters become token buckets (ADR 0013): the old fixed-window counts are dropped, not converted.
DELETE FROM "rate_limits";--> statement-breakpoint
CREATE TABLE "upload_reservations" (
	"storage_path" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"bytes" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "upload_reservations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "aggregate_key" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "last_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "audit_events" SET "last_at" = "created_at";--> statement-breakpoint
ALTER TABLE "pets" ADD COLUMN "photo_bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "tokens" double precision NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "updated_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "full_at" timestamp with time zone NOT NULL;--> statement-breakpoint
ALTER TABLE "upload_reservations" ADD CONSTRAINT "upload_reservations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upload_reservations_user_idx" ON "upload_reservations" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "audit_events_user_last_idx" ON "audit_events" USING btree ("user_id","last_at");--> statement-breakpoint
CREATE INDEX "rate_limits_full_at_idx" ON "rate_limits" USING btree ("full_at");--> statement-breakpoint
ALTER TABLE "rate_limits" DROP COLUMN "count";--> statement-breakpoint
ALTER TABLE "rate_limits" DROP COLUMN "reset_at";--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_aggregate_key_unique" UNIQUE("aggregate_key");--> statement-breakpoint
CREATE POLICY "upload_reservations_select_own" ON "upload_reservations" AS PERMISSIVE FOR SELECT TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "upload_reservations_insert_own" ON "upload_reservations" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "upload_reservations_delete_own" ON "upload_reservations" AS PERMISSIVE FOR DELETE TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
-- Like pets: RLS forced, and app_user may read, add and remove its own reservations only.
ALTER TABLE "upload_reservations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE "upload_reservations" TO app_user;
