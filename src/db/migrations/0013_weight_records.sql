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
ALTER TABLE "weight_records" ADD CONSTRAINT "weight_records_pet_id_pets_id_fk" FOREIGN KEY ("pet_id") REFERENCES "public"."pets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weight_records" ADD CONSTRAINT "weight_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "weight_records_pet_weighed_idx" ON "weight_records" USING btree ("pet_id","weighed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "weight_records_pet_submission_idx" ON "weight_records" USING btree ("pet_id","submission_id");--> statement-breakpoint
CREATE POLICY "weight_records_select" ON "weight_records" AS PERMISSIVE FOR SELECT TO "app_user" USING (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_insert" ON "weight_records" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_update" ON "weight_records" AS PERMISSIVE FOR UPDATE TO "app_user" USING (pet_id in (select id from pets)) WITH CHECK (pet_id in (select id from pets));--> statement-breakpoint
CREATE POLICY "weight_records_delete" ON "weight_records" AS PERMISSIVE FOR DELETE TO "app_user" USING (pet_id in (select id from pets));