// The documents of a vet visit in the DAL (ADR 0036): every function takes the verified user and works
// on one visit of a pet the caller may see (onCarePet, then the visit under row-level security, whose
// policies join through the visit and its pet). A document is an object in the owner's folder, counted
// in the storage quota from its upload URL on (the upload's hold becomes the row), sniffed by its bytes.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { db, type Transaction } from '@/db/client';
import { uploadReservations, vetVisits, visitDocuments } from '@/db/schema';
import { withUser } from '@/db/with-user';
import {
  documentDisplayName,
  DOCUMENT_MESSAGES,
  isDocumentType,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS_PER_VISIT,
  type DocumentType,
} from '@/lib/validations/visit-document-rules';
import type { DocumentUploadRequest } from '@/lib/validations/visit-document';
import { ObjectTooLargeError, sanitizeFilename, storage } from '@/storage';
import { isOwnImagePath, userFolder } from '../image-keys';
import { consumeUpload, createImageUpload, deleteImageObjects } from '../images';
import { sniffMime } from '../images/sniff';
import type { SessionUser } from '../session';
import { assertStorageLeft, lockUsage, releaseUpload } from '../usage';
import { isCareRecordId, onCarePet } from './access';
import { CareLimitError } from './limits';

/** A document the server refuses (type, size, an upload that is not there); nothing was recorded. */
export class DocumentRejectedError extends Error {
  override name = 'DocumentRejectedError';
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

export type VisitDocument = {
  id: string;
  visitId: string;
  filename: string;
  contentType: DocumentType;
  byteSize: number;
  createdAt: string;
};

/** Where a document comes from: a direct upload (with JavaScript) or the form itself (without). */
export type DocumentSource = { kind: 'upload'; storagePath: string; filename: string } | { kind: 'file'; file: File };

/** How long an "Open" link's signed URL lasts: it is followed at once. */
const OPEN_URL_SECONDS = 60;

const columns = {
  id: visitDocuments.id,
  visitId: visitDocuments.visitId,
  filename: visitDocuments.filename,
  contentType: visitDocuments.contentType,
  byteSize: visitDocuments.byteSize,
  createdAt: visitDocuments.createdAt,
};

function toDocument(row: Omit<VisitDocument, 'createdAt'> & { createdAt: Date }): VisitDocument {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** The visit exists on this pet (the caller's: onCarePet checked it). */
async function visitOfPet(tx: Transaction, petId: string, visitId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: vetVisits.id })
    .from(vetVisits)
    .where(and(eq(vetVisits.id, visitId), eq(vetVisits.petId, petId)));
  return Boolean(row);
}

/** `work` on the caller's visit, or null (nothing done) when the visit or its pet is foreign, missing or no UUID. */
async function onVisit<T>(
  user: SessionUser,
  petId: string,
  visitId: string,
  options: { lock: boolean },
  work: (tx: Transaction) => Promise<T>,
): Promise<T | null> {
  if (!isCareRecordId(visitId)) return null;
  return onCarePet(user, petId, options, async (tx) => ((await visitOfPet(tx, petId, visitId)) ? work(tx) : null));
}

const ofVisit = (visitId: string, id: string) => and(eq(visitDocuments.id, id), eq(visitDocuments.visitId, visitId));

/** The visit's documents, oldest first, or null when the visit is not the caller's. */
export function listVisitDocuments(user: SessionUser, petId: string, visitId: string): Promise<VisitDocument[] | null> {
  return onVisit(user, petId, visitId, { lock: false }, async (tx) => {
    const rows = await tx
      .select(columns)
      .from(visitDocuments)
      .where(eq(visitDocuments.visitId, visitId))
      .orderBy(asc(visitDocuments.createdAt), asc(visitDocuments.id));
    return rows.map(toDocument);
  });
}

/** How many documents each of the pet's visits has (visits without any are absent). */
export async function documentCountsOfPet(user: SessionUser, petId: string): Promise<Map<string, number>> {
  const rows = await onCarePet(user, petId, { lock: false }, (tx) =>
    tx
      .select({ visitId: visitDocuments.visitId, documents: count() })
      .from(visitDocuments)
      .innerJoin(vetVisits, eq(vetVisits.id, visitDocuments.visitId))
      .where(eq(vetVisits.petId, petId))
      .groupBy(visitDocuments.visitId),
  );
  return new Map((rows ?? []).map((row) => [row.visitId, row.documents]));
}

/** One document of the caller's visit, or null when any of the three is foreign, missing or no UUID. */
export async function getVisitDocument(
  user: SessionUser,
  petId: string,
  visitId: string,
  id: string,
): Promise<(VisitDocument & { storageKey: string }) | null> {
  if (!isCareRecordId(id)) return null;
  const found = await onVisit(user, petId, visitId, { lock: false }, async (tx) => {
    const [row] = await tx
      .select({ ...columns, storageKey: visitDocuments.storageKey })
      .from(visitDocuments)
      .where(ofVisit(visitId, id));
    return row ? { ...toDocument(row), storageKey: row.storageKey } : null;
  });
  return found ?? null;
}

/** A short-lived signed URL of the caller's document (the "Open" link), or null when it is not theirs. */
export async function visitDocumentUrl(
  user: SessionUser,
  petId: string,
  visitId: string,
  id: string,
): Promise<string | null> {
  const document = await getVisitDocument(user, petId, visitId, id);
  if (!document) return null;
  return storage().createDownloadUrl(document.storageKey, {
    expiresInSeconds: OPEN_URL_SECONDS,
    filename: document.filename,
  });
}

/**
 * An upload URL for a document of the caller's visit, its declared size held against the storage
 * quota (UsageLimitError when it does not fit); null when the visit is not the caller's. The same
 * signed upload as a photo's, into the same folder: the sweep removes it if it is never added.
 */
export async function createVisitDocumentUpload(
  user: SessionUser,
  request: DocumentUploadRequest,
): Promise<{ uploadUrl: string; storagePath: string; headers: Record<string, string> } | null> {
  const found = await onVisit(user, request.petId, request.visitId, { lock: false }, async () => true);
  if (!found) return null;
  return createImageUpload(user, {
    filename: request.filename,
    fileType: request.fileType,
    fileSize: request.fileSize,
  });
}

type Accepted = { key: string; bytes: number; contentType: DocumentType; filename: string; storedByRequest: boolean };

/** Whether `storagePath` is an upload URL the caller was given and has not used: only such a key becomes a document. */
async function isHeldUpload(user: SessionUser, storagePath: string): Promise<boolean> {
  if (!isOwnImagePath(user.id, storagePath)) return false;
  const held = await withUser(db(), user.id, (tx) =>
    tx
      .select({ path: uploadReservations.storagePath })
      .from(uploadReservations)
      .where(
        and(
          eq(uploadReservations.userId, user.id),
          eq(uploadReservations.storagePath, storagePath),
          sql`${uploadReservations.expiresAt} > now()`,
        ),
      ),
  );
  return held.length > 0;
}

/** A refused upload: its bytes become an empty tombstone (a replayed URL cannot store them again) and its hold ends. */
async function discardUpload(user: SessionUser, storagePath: string): Promise<void> {
  await consumeUpload(storagePath);
  await withUser(db(), user.id, (tx) => releaseUpload(tx, user.id, storagePath));
}

/** The size and sniffed type of an uploaded document, refused (and discarded) unless PDF, JPEG or PNG within 10 MB. */
async function acceptUpload(user: SessionUser, source: { storagePath: string; filename: string }): Promise<Accepted> {
  if (!(await isHeldUpload(user, source.storagePath))) throw new DocumentRejectedError(DOCUMENT_MESSAGES.uploadFailed);
  let found: { bytes: number; mime: string | null } | null;
  try {
    found = await storage().withLocalFile(source.storagePath, { maxBytes: MAX_DOCUMENT_BYTES }, async (file) =>
      file.size === 0 ? null : { bytes: file.size, mime: await sniffMime(file.path) },
    );
  } catch (error) {
    if (!(error instanceof ObjectTooLargeError)) throw error;
    await discardUpload(user, source.storagePath);
    throw new DocumentRejectedError(DOCUMENT_MESSAGES.size);
  }
  if (!found) throw new DocumentRejectedError(DOCUMENT_MESSAGES.uploadFailed);
  if (!isDocumentType(found.mime)) {
    await discardUpload(user, source.storagePath);
    throw new DocumentRejectedError(DOCUMENT_MESSAGES.type);
  }
  return {
    key: source.storagePath,
    bytes: found.bytes,
    contentType: found.mime,
    filename: documentDisplayName(source.filename),
    storedByRequest: false,
  };
}

/** A document inside the form (no JavaScript): checked in memory, then stored as a new object. */
async function acceptFormFile(user: SessionUser, file: File): Promise<Accepted> {
  if (file.size === 0) throw new DocumentRejectedError(DOCUMENT_MESSAGES.empty);
  if (file.size > MAX_DOCUMENT_BYTES) throw new DocumentRejectedError(DOCUMENT_MESSAGES.size);
  const bytes = Buffer.from(await file.arrayBuffer());
  const mime = await sniffMime(bytes);
  if (!isDocumentType(mime)) throw new DocumentRejectedError(DOCUMENT_MESSAGES.type);
  const key = `${userFolder(user.id)}${randomUUID()}-${sanitizeFilename(file.name)}`;
  await storage().put(key, bytes, { contentType: mime });
  return {
    key,
    bytes: bytes.length,
    contentType: mime,
    filename: documentDisplayName(file.name),
    storedByRequest: true,
  };
}

/**
 * Adds a document to the caller's visit; null (nothing stored) when the visit is not the caller's.
 * Throws DocumentRejectedError (type, size, no such upload), CareLimitError (20 per visit) or
 * UsageLimitError (the quota, for a form's file: an upload's bytes were held when its URL was given).
 */
export async function addVisitDocument(
  user: SessionUser,
  petId: string,
  visitId: string,
  source: DocumentSource,
): Promise<{ id: string; filename: string } | null> {
  // The visit first: a stranger's id never gets as far as reading (or discarding) an upload.
  if (!(await onVisit(user, petId, visitId, { lock: false }, async () => true))) return null;
  const accepted =
    source.kind === 'upload' ? await acceptUpload(user, source) : await acceptFormFile(user, source.file);
  let added: { id: string; filename: string } | null = null;
  try {
    added = await onVisit(user, petId, visitId, { lock: true }, async (tx) => {
      await lockUsage(tx, user.id);
      const [held] = await tx
        .select({ documents: count() })
        .from(visitDocuments)
        .where(eq(visitDocuments.visitId, visitId));
      if ((held?.documents ?? 0) >= MAX_DOCUMENTS_PER_VISIT) throw new CareLimitError(DOCUMENT_MESSAGES.tooMany);
      // An upload's bytes were counted since its URL was signed: its hold becomes this row. A form's
      // file is new to the quota.
      if (accepted.storedByRequest) await assertStorageLeft(tx, user.id, accepted.bytes);
      else await releaseUpload(tx, user.id, accepted.key);
      const [row] = await tx
        .insert(visitDocuments)
        .values({
          visitId,
          storageKey: accepted.key,
          filename: accepted.filename,
          contentType: accepted.contentType,
          byteSize: accepted.bytes,
          createdBy: user.id,
        })
        .returning({ id: visitDocuments.id, filename: visitDocuments.filename });
      if (!row) throw new Error('insert of a visit document returned no row');
      return row;
    });
  } finally {
    // A form's file no row took (refused, or the visit went meanwhile) is removed at once.
    if (!added && accepted.storedByRequest) await deleteImageObjects([accepted.key]);
  }
  return added;
}

/** Deletes a document of the caller's pet, then its object; what was deleted, or null when it is not theirs. */
export async function deleteVisitDocument(
  user: SessionUser,
  petId: string,
  id: string,
): Promise<{ id: string; visitId: string; filename: string } | null> {
  if (!isCareRecordId(id)) return null;
  const deleted = await onCarePet(user, petId, { lock: true }, async (tx) => {
    const [row] = await tx
      .delete(visitDocuments)
      .where(
        and(
          eq(visitDocuments.id, id),
          sql`${visitDocuments.visitId} in (select ${vetVisits.id} from ${vetVisits} where ${vetVisits.petId} = ${petId})`,
        ),
      )
      .returning({
        id: visitDocuments.id,
        visitId: visitDocuments.visitId,
        filename: visitDocuments.filename,
        storageKey: visitDocuments.storageKey,
      });
    return row ?? null;
  });
  if (!deleted) return null;
  await deleteImageObjects([deleted.storageKey]);
  return { id: deleted.id, visitId: deleted.visitId, filename: deleted.filename };
}

/** The objects of one of the caller's visits' documents (empty when the visit is not theirs). */
export async function visitDocumentKeys(user: SessionUser, petId: string, visitId: string): Promise<string[]> {
  return (await onVisit(user, petId, visitId, { lock: false }, (tx) => documentKeysOf(tx, { visitId }))) ?? [];
}

/**
 * The objects of the documents a delete is about to take with it (a visit's, or a pet's), read in its
 * transaction before the cascade, for deleteImageObjects once it commits.
 */
export async function documentKeysOf(tx: Transaction, of: { visitId: string } | { petId: string }): Promise<string[]> {
  const rows = await tx
    .select({ key: visitDocuments.storageKey })
    .from(visitDocuments)
    .innerJoin(vetVisits, eq(vetVisits.id, visitDocuments.visitId))
    .where('visitId' in of ? eq(vetVisits.id, of.visitId) : eq(vetVisits.petId, of.petId));
  return rows.map((row) => row.key);
}
