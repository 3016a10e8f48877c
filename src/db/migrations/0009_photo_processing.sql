-- Photo processing off the request path (ADR 0016): a pet's photo has a state, and while it is
-- 'processing' the row holds the uploaded original the process-photo job needs.
ALTER TABLE "pets" ADD COLUMN "photo_status" text;--> statement-breakpoint
ALTER TABLE "pets" ADD COLUMN "photo_original_key" text;--> statement-breakpoint
-- Every photo stored before this migration was processed in its request: it is ready.
UPDATE "pets" SET "photo_status" = 'ready' WHERE "image_path" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "pets" ADD CONSTRAINT "pets_photo_status_check" CHECK ("pets"."photo_status" in ('processing', 'ready', 'failed'));--> statement-breakpoint
ALTER TABLE "pets" ADD CONSTRAINT "pets_photo_original_check" CHECK (("pets"."photo_status" is not distinct from 'processing') = ("pets"."photo_original_key" is not null));
-- No new grants or policies: the columns are pets' own, under its row-level security (FORCE) and
-- app_user's table grants (migration 0002).
