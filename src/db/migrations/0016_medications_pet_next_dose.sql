DROP INDEX "medications_next_dose_idx";--> statement-breakpoint
CREATE INDEX "medications_pet_next_dose_idx" ON "medications" USING btree ("pet_id","next_dose_at");