CREATE TABLE "digest_sends" (
	"user_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"sealed" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_sends_user_id_local_date_pk" PRIMARY KEY("user_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "digest_sends" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "reminder_mentions" (
	"user_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"due_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_mentions_user_id_item_key_due_key_pk" PRIMARY KEY("user_id","item_key","due_key")
);
--> statement-breakpoint
ALTER TABLE "reminder_mentions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "medications" ADD COLUMN "remind_days_before" smallint;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "reminders_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "reminder_time" time DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_preferences" ADD COLUMN "next_digest_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vaccinations" ADD COLUMN "remind_days_before" smallint;--> statement-breakpoint
ALTER TABLE "vet_visits" ADD COLUMN "remind_days_before" smallint;--> statement-breakpoint
ALTER TABLE "digest_sends" ADD CONSTRAINT "digest_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_mentions" ADD CONSTRAINT "reminder_mentions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_preferences_next_digest_idx" ON "user_preferences" USING btree ("next_digest_at") WHERE "user_preferences"."reminders_enabled" and "user_preferences"."next_digest_at" is not null;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_remind_days_before_check" CHECK (remind_days_before is null or remind_days_before in (0, 1, 3, 7, 14));--> statement-breakpoint
ALTER TABLE "vaccinations" ADD CONSTRAINT "vaccinations_remind_days_before_check" CHECK (remind_days_before is null or remind_days_before in (0, 1, 3, 7, 14));--> statement-breakpoint
ALTER TABLE "vet_visits" ADD CONSTRAINT "vet_visits_remind_days_before_check" CHECK (remind_days_before is null or remind_days_before in (0, 1, 3, 7, 14));--> statement-breakpoint
CREATE POLICY "user_preferences_select_due_digests" ON "user_preferences" AS PERMISSIVE FOR SELECT TO "app_maintenance" USING (reminders_enabled);--> statement-breakpoint
CREATE POLICY "user_preferences_advance_digests" ON "user_preferences" AS PERMISSIVE FOR UPDATE TO "app_maintenance" USING (reminders_enabled) WITH CHECK (reminders_enabled);--> statement-breakpoint
CREATE POLICY "digest_sends_select_own" ON "digest_sends" AS PERMISSIVE FOR SELECT TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "digest_sends_insert_own" ON "digest_sends" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "digest_sends_update_own" ON "digest_sends" AS PERMISSIVE FOR UPDATE TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "digest_sends_delete_own" ON "digest_sends" AS PERMISSIVE FOR DELETE TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "reminder_mentions_select_own" ON "reminder_mentions" AS PERMISSIVE FOR SELECT TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "reminder_mentions_insert_own" ON "reminder_mentions" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "reminder_mentions_delete_own" ON "reminder_mentions" AS PERMISSIVE FOR DELETE TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
-- Reminders (ADR 0037): the sent-record and the mentions are the account's own, RLS forced like every
-- user-owned table. The daily scan (app_maintenance) sees only accounts with reminders on, only the
-- columns that place their next digest, and may move that one column, nothing else.
ALTER TABLE "digest_sends" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reminder_mentions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "digest_sends" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE "reminder_mentions" TO app_user;--> statement-breakpoint
GRANT SELECT ("user_id", "time_zone", "reminders_enabled", "reminder_time", "next_digest_at") ON TABLE "user_preferences" TO app_maintenance;--> statement-breakpoint
GRANT UPDATE ("next_digest_at") ON TABLE "user_preferences" TO app_maintenance;
