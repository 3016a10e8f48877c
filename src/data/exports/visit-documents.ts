// Vet visit documents in the data export (ADR 0036, docs/data-export-format.md): each visit lists its
// documents (name, sniffed type, size, and the file's entry in the ZIP), and the ZIP holds the files.
// Read for the whole account in one query through the run's row-level-security transaction.
import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { pets, vetVisits, visitDocuments } from '@/db/schema';
import type { DocumentType } from '@/lib/validations/visit-document-rules';
import { sanitizeFilename } from '@/storage';

/** A document of a vet visit in pets.json. */
export type PetsJsonVisitDocument = {
  /** The name it was added under. */
  filename: string;
  /** What its bytes are (application/pdf, image/jpeg or image/png), whatever its name says. */
  contentType: DocumentType;
  byteSize: number;
  /** Its entry in the archive: `documents/<name>-<id>.<pdf|jpg|png>`. */
  path: string;
  /** ISO 8601, UTC */
  createdAt: string;
};

/** A stored object the archive holds under `entry`. */
export type ArchiveFile = { key: string; entry: string; size: number };

const EXTENSIONS: Record<DocumentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The extension is the sniffed type's, so the file opens as what it is; the id keeps equal names apart. */
function documentEntryName(document: { id: string; filename: string; contentType: DocumentType }): string {
  const stem = sanitizeFilename(document.filename).replace(/\.[a-z0-9]+$/, '');
  return `documents/${stem}-${document.id}.${EXTENSIONS[document.contentType]}`;
}

/** Every document of the user's visits, per visit id (oldest first), and the files the archive is to hold. */
export async function exportedVisitDocuments(
  tx: Transaction,
  userId: string,
): Promise<{ byVisit: Map<string, PetsJsonVisitDocument[]>; files: ArchiveFile[] }> {
  const ownVisits = tx
    .select({ id: vetVisits.id })
    .from(vetVisits)
    .innerJoin(pets, eq(pets.id, vetVisits.petId))
    .where(eq(pets.userId, userId));
  const rows = await tx
    .select({
      id: visitDocuments.id,
      visitId: visitDocuments.visitId,
      storageKey: visitDocuments.storageKey,
      filename: visitDocuments.filename,
      contentType: visitDocuments.contentType,
      byteSize: visitDocuments.byteSize,
      createdAt: visitDocuments.createdAt,
    })
    .from(visitDocuments)
    .where(inArray(visitDocuments.visitId, ownVisits))
    .orderBy(asc(visitDocuments.createdAt), asc(visitDocuments.id));
  const byVisit = new Map<string, PetsJsonVisitDocument[]>();
  const files: ArchiveFile[] = [];
  for (const row of rows) {
    const path = documentEntryName(row);
    const list = byVisit.get(row.visitId) ?? [];
    list.push({
      filename: row.filename,
      contentType: row.contentType,
      byteSize: row.byteSize,
      path,
      createdAt: row.createdAt.toISOString(),
    });
    byVisit.set(row.visitId, list);
    files.push({ key: row.storageKey, entry: path, size: row.byteSize });
  }
  return { byVisit, files };
}
