CREATE TABLE "visit_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"storage_key" varchar(512) NOT NULL,
	"filename" varchar(200) NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_documents_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "visit_documents_content_type_check" CHECK ("visit_documents"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "visit_documents_byte_size_check" CHECK ("visit_documents"."byte_size" > 0 and "visit_documents"."byte_size" <= 10485760)
);
--> statement-breakpoint
ALTER TABLE "visit_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "visit_documents" ADD CONSTRAINT "visit_documents_visit_id_vet_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."vet_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_documents" ADD CONSTRAINT "visit_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_documents_visit_idx" ON "visit_documents" USING btree ("visit_id","created_at");--> statement-breakpoint
CREATE POLICY "visit_documents_select" ON "visit_documents" AS PERMISSIVE FOR SELECT TO "app_user" USING (visit_id in (select id from vet_visits));--> statement-breakpoint
CREATE POLICY "visit_documents_insert" ON "visit_documents" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (visit_id in (select id from vet_visits));--> statement-breakpoint
CREATE POLICY "visit_documents_delete" ON "visit_documents" AS PERMISSIVE FOR DELETE TO "app_user" USING (visit_id in (select id from vet_visits));--> statement-breakpoint
-- Visit documents: RLS forced like every user-owned table (their policies join through vet_visits),
-- and app_user's grants; a document is added and removed, never changed (no UPDATE).
ALTER TABLE "visit_documents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE "visit_documents" TO app_user;
