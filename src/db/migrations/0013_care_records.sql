CREATE TABLE "medication_doses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"medication_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "medication_doses_status_check" CHECK ("medication_doses"."status" in ('given', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "medication_doses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "medications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"created_by" uuid,
	"kind" text NOT NULL,
	"name" varchar(100) NOT NULL,
	"dose" varchar(100),
	"schedule" text NOT NULL,
	"interval_days" integer,
	"weekdays" varchar(20) DEFAULT '' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"time_of_day" time NOT NULL,
	"notes" text,
	"next_dose_at" timestamp with time zone,
	"submission_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "medications_kind_check" CHECK ("medications"."kind" in ('medication', 'flea-tick', 'worming', 'other')),
	CONSTRAINT "medications_schedule_check" CHECK ("medications"."schedule" in ('once', 'every-n-days', 'weekly', 'monthly')),
	CONSTRAINT "medications_interval_check" CHECK (("medications"."schedule" = 'every-n-days') = ("medications"."interval_days" is not null)
        and ("medications"."interval_days" is null or "medications"."interval_days" between 1 and 365)),
	CONSTRAINT "medications_weekdays_check" CHECK (("medications"."schedule" = 'weekly') = ("medications"."weekdays" <> '')
        and "medications"."weekdays" ~ '^((MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*)?$'),
	CONSTRAINT "medications_end_check" CHECK ("medications"."end_date" is null or "medications"."end_date" >= "medications"."start_date")
);
--> statement-breakpoint
ALTER TABLE "medications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
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
CREATE TABLE "weight_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pet_id" uuid NOT NULL,
	"created_by" uuid,
	"weighed_on" date NOT NULL,
	"grams" integer NOT NULL,
	"note" text,
	"submission_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weight_records_grams_check" CHECK ("weight_records"."grams" > 0 and "weight_records"."grams" <= 200000),
	CONSTRAINT "weight_records_note_check" CHECK (char_length("weight_records"."note") <= 500)
);
--> statement-breakpoint
ALTER TABLE "weight_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "medication_doses" ADD CONSTRAINT "medication_doses_medication_id_medications_id_fk" FOREIGN KEY ("medication_id") REFERENCES "public"."medications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_doses" ADD CONSTRAINT "medication_doses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaccinations" ADD CONSTRAINT "vaccinations_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vaccinations" ADD CONSTRAINT "vaccinations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vet_visits" ADD CONSTRAINT "vet_visits_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vet_visits" ADD CONSTRAINT "vet_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_records" ADD CONSTRAINT "weight_records_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_records" ADD CONSTRAINT "weight_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "medication_doses_occurrence_idx" ON "medication_doses" USING btree ("medication_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "medications_pet_start_idx" ON "medications" USING btree ("pet_id","start_date");--> statement-breakpoint
CREATE INDEX "medications_next_dose_idx" ON "medications" USING btree ("next_dose_at");--> statement-breakpoint
CREATE UNIQUE INDEX "medications_pet_submission_idx" ON "medications" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE INDEX "vaccinations_pet_given_idx" ON "vaccinations" USING btree ("pet_id","given_on");--> statement-breakpoint
CREATE INDEX "vaccinations_next_due_idx" ON "vaccinations" USING btree ("next_due_on") WHERE "vaccinations"."next_due_on" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "vaccinations_pet_submission_idx" ON "vaccinations" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE INDEX "vet_visits_pet_visited_idx" ON "vet_visits" USING btree ("pet_id","visited_on");--> statement-breakpoint
CREATE UNIQUE INDEX "vet_visits_pet_submission_idx" ON "vet_visits" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE INDEX "weight_records_pet_weighed_idx" ON "weight_records" USING btree ("pet_id","weighed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "weight_records_pet_submission_idx" ON "weight_records" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE POLICY "medication_doses_select" ON "medication_doses" AS PERMISSIVE FOR SELECT TO "app_user" USING (medication_id in (select id from medications));--> statement-breakpoint
CREATE POLICY "medication_doses_insert" ON "medication_doses" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (medication_id in (select id from medications));--> statement-breakpoint
CREATE POLICY "medication_doses_delete" ON "medication_doses" AS PERMISSIVE FOR DELETE TO "app_user" USING (medication_id in (select id from medications));--> statement-breakpoint
CREATE POLICY "medications_select_through_pet" ON "medications" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "medications_insert_through_pet" ON "medications" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "medications_update_through_pet" ON "medications" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "medications_delete_through_pet" ON "medications" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_select_through_pet" ON "vaccinations" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_insert_through_pet" ON "vaccinations" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_update_through_pet" ON "vaccinations" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vaccinations_delete_through_pet" ON "vaccinations" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_select_through_pet" ON "vet_visits" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_insert_through_pet" ON "vet_visits" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_update_through_pet" ON "vet_visits" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "vet_visits_delete_through_pet" ON "vet_visits" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_select_through_pet" ON "weight_records" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_insert_through_pet" ON "weight_records" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_update_through_pet" ON "weight_records" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_delete_through_pet" ON "weight_records" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
-- Care records: RLS forced like every user-owned table (their policies join through pets), and
-- app_user's grants; doses are recorded and removed, never changed (no UPDATE).
ALTER TABLE "vaccinations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vet_visits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "medications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "medication_doses" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "weight_records" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "vaccinations" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "vet_visits" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "medications" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE "medication_doses" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "weight_records" TO app_user;
