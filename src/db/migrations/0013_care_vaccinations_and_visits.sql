CREATE TABLE "vaccinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"created_by" uuid,
	"submission_id" uuid,
	"vaccine" varchar(100) NOT NULL,
	"given_on" date NOT NULL,
	"next_due_on" date,
	"clinic" varchar(200),
	"batch_number" varchar(100),
	"notes" varchar(2000),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vaccinations_next_due_check" CHECK ("vaccinations"."next_due_on" is null or "vaccinations"."next_due_on" >= "vaccinations"."given_on")
);
--> statement-breakpoint
ALTER TABLE "vaccinations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "vet_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"created_by" uuid,
	"submission_id" uuid,
	"visited_on" date NOT NULL,
	"clinic" varchar(200),
	"reason" varchar(200) NOT NULL,
	"notes" varchar(4000),
	"cost_cents" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vet_visits_cost_check" CHECK ("vet_visits"."cost_cents" is null or "vet_visits"."cost_cents" between 0 and 100000000)
);
--> statement-breakpoint
ALTER TABLE "vet_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vaccinations" ADD CONSTRAINT "vaccinations_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaccinations" ADD CONSTRAINT "vaccinations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vet_visits" ADD CONSTRAINT "vet_visits_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vet_visits" ADD CONSTRAINT "vet_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vaccinations_pet_given_idx" ON "vaccinations" USING btree ("pet_id","given_on");--> statement-breakpoint
CREATE INDEX "vaccinations_next_due_idx" ON "vaccinations" USING btree ("next_due_on") WHERE "vaccinations"."next_due_on" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "vaccinations_pet_submission_idx" ON "vaccinations" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE INDEX "vet_visits_pet_visited_idx" ON "vet_visits" USING btree ("pet_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "vet_visits_pet_submission_idx" ON "vet_visits" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE POLICY "vaccinations_select_through_pet" ON "vaccinations" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_insert_through_pet" ON "vaccinations" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_update_through_pet" ON "vaccinations" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_delete_through_pet" ON "vaccinations" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_select_through_pet" ON "vet_visits" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_insert_through_pet" ON "vet_visits" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_update_through_pet" ON "vet_visits" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_delete_through_pet" ON "vet_visits" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));