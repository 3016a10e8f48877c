// The schema of a document upload request (generateVisitDocumentUploadUrl); its rules and messages
// are in visit-document-rules.ts, which the browser checks too before anything is uploaded.
import { z } from 'zod';
import { DOCUMENT_MESSAGES, isDocumentType, MAX_DOCUMENT_BYTES } from './visit-document-rules';

export const documentUploadRequestSchema = z.object({
  petId: z.string(),
  visitId: z.string(),
  filename: z.string().trim().min(1, DOCUMENT_MESSAGES.empty).max(255, DOCUMENT_MESSAGES.nameTooLong),
  fileType: z.string().refine(isDocumentType, DOCUMENT_MESSAGES.type),
  fileSize: z.coerce
    .number({ error: DOCUMENT_MESSAGES.empty })
    .int(DOCUMENT_MESSAGES.empty)
    .min(1, DOCUMENT_MESSAGES.empty)
    .max(MAX_DOCUMENT_BYTES, DOCUMENT_MESSAGES.size),
});

export type DocumentUploadRequest = z.infer<typeof documentUploadRequestSchema>;
