// The rules of a vet visit's documents (ADR 0036) that the browser needs as the page loads, without
// zod: the types by their bytes, the size, the count per visit and the messages the user reads.
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS_PER_VISIT = 20;
export const ACCEPTED_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof ACCEPTED_DOCUMENT_TYPES)[number];
/** What the file input offers (by name: a browser's type for a PDF is not always set). */
export const DOCUMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png';
/** A document's shown name at most: the column's width. */
export const MAX_DOCUMENT_NAME_LENGTH = 200;

export const DOCUMENT_MESSAGES = {
  type: 'Documents must be PDF, JPEG or PNG',
  size: 'A document can be at most 10 MB',
  empty: 'Choose a document to add',
  nameTooLong: 'A document’s file name can be at most 255 characters',
  uploadFailed: 'The document could not be added. Please try again.',
  notFound: 'Document not found',
  visitNotFound: 'Vet visit not found',
  deleteFailed: 'Failed to delete the document. Please try again.',
  tooMany: `This vet visit already has ${MAX_DOCUMENTS_PER_VISIT} documents, the most one visit can have.`,
} as const;

export function isDocumentType(type: unknown): type is DocumentType {
  return (ACCEPTED_DOCUMENT_TYPES as readonly unknown[]).includes(type);
}

/** The browser's first look at a picked file (the server sniffs its bytes again): size, then type by name. */
export function documentFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return DOCUMENT_MESSAGES.empty;
  if (file.size > MAX_DOCUMENT_BYTES) return DOCUMENT_MESSAGES.size;
  if (!/\.(pdf|jpe?g|png)$/i.test(file.name)) return DOCUMENT_MESSAGES.type;
  return null;
}

/** The type a browser declares for the upload, from the name (the server trusts neither). */
export function declaredDocumentType(name: string): DocumentType {
  if (/\.pdf$/i.test(name)) return 'application/pdf';
  return /\.png$/i.test(name) ? 'image/png' : 'image/jpeg';
}

/**
 * The name a document is shown and exported under: its last path segment without control or
 * format characters (no bidi override can disguise it), trimmed, at most 200 characters.
 */
export function documentDisplayName(name: string): string {
  const cleaned = (name.split(/[/\\]/).pop() ?? '')
    .replace(/[\p{C}]/gu, '')
    .trim()
    .slice(0, MAX_DOCUMENT_NAME_LENGTH)
    .trim();
  return cleaned || 'document';
}
