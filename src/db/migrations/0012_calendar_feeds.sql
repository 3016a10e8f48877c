CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "calendar_feeds_select_own" ON "calendar_feeds" AS PERMISSIVE FOR SELECT TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "calendar_feeds_insert_own" ON "calendar_feeds" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "calendar_feeds_update_own" ON "calendar_feeds" AS PERMISSIVE FOR UPDATE TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "calendar_feeds_delete_own" ON "calendar_feeds" AS PERMISSIVE FOR DELETE TO "app_user" USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "calendar_feeds_select_by_token" ON "calendar_feeds" AS PERMISSIVE FOR SELECT TO "app_user" USING (token_hash = nullif(current_setting('app.calendar_token_hash', true), ''));--> statement-breakpoint
-- Like pets: RLS forced; app_user manages its own feed, and reads another row only by its hash.
ALTER TABLE "calendar_feeds" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "calendar_feeds" TO app_user;
