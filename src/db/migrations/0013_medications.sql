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
ALTER TABLE "medication_doses" ADD CONSTRAINT "medication_doses_medication_id_medications_id_fk" FOREIGN KEY ("medication_id") REFERENCES "public"."medications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medication_doses" ADD CONSTRAINT "medication_doses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "medications" ADD CONSTRAINT "medications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "medication_doses_occurrence_idx" ON "medication_doses" USING btree ("medication_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "medications_pet_start_idx" ON "medications" USING btree ("pet_id","start_date");--> statement-breakpoint
CREATE INDEX "medications_next_dose_idx" ON "medications" USING btree ("next_dose_at");--> statement-breakpoint
CREATE UNIQUE INDEX "medications_pet_submission_idx" ON "medications" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE POLICY "medication_doses_select" ON "medication_doses" AS PERMISSIVE FOR SELECT TO "app_user" USING (medication_id in (select id from medications));--> statement-breakpoint
CREATE POLICY "medication_doses_insert" ON "medication_doses" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (medication_id in (select id from medications));--> statement-breakpoint
CREATE POLICY "medication_doses_delete" ON "medication_doses" AS PERMISSIVE FOR DELETE TO "app_user" USING (medication_id in (select id from medications));--> statement-breakpoint
CREATE POLICY "medications_select" ON "medications" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "medications_insert" ON "medications" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "medications_update" ON "medications" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "medications_delete" ON "medications" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));