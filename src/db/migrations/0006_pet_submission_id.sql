ALTER TABLE "pets" ADD COLUMN "submission_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "pets_user_submission_idx" ON "pets" USING btree ("user_id","submission_id");