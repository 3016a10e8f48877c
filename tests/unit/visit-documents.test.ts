// The rules of a vet visit's documents that need no database (ADR 0036): the name a document is shown
// and exported under, the browser's first look at a picked file, and the upload request's schema.
import { describe, expect, it } from 'vitest';
import { documentUploadRequestSchema } from '@/lib/validations/visit-document';
import {
  declaredDocumentType,
  documentDisplayName,
  documentFileProblem,
  MAX_DOCUMENT_BYTES,
} from '@/lib/validations/visit-document-rules';

describe('documentDisplayName', () => {
  it.each([
    ['Blood test.pdf', 'Blood test.pdf'],
    ['C:\\Users\\ann\\Scans\\x-ray.png', 'x-ray.png'],
    ['/home/ann/report.pdf', 'report.pdf'],
    // A right-to-left override would show "fdp.exe" as "exe.pdf"; control characters go too.
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['tab\there\u0000.pdf', 'tabhere.pdf'],
    ['  spaced.pdf  ', 'spaced.pdf'],
    ['Rapport vétérinaire — été.pdf', 'Rapport vétérinaire — été.pdf'],
    ['', 'document'],
    ['\u202E', 'document'],
  ])('%j is shown as %j', (name, shown) => {
    expect(documentDisplayName(name)).toBe(shown);
  });

  it('keeps at most 200 characters', () => {
    expect(documentDisplayName(`${'a'.repeat(300)}.pdf`)).toHaveLength(200);
  });
});

describe('documentFileProblem', () => {
  it.each([
    [{ name: 'a.pdf', size: 1 }, null],
    [{ name: 'A.JPEG', size: 1 }, null],
    [{ name: 'a.jpg', size: MAX_DOCUMENT_BYTES }, null],
    [{ name: 'a.png', size: MAX_DOCUMENT_BYTES + 1 }, 'A document can be at most 10 MB'],
    [{ name: 'a.docx', size: 10 }, 'Documents must be PDF, JPEG or PNG'],
    [{ name: 'pdf', size: 10 }, 'Documents must be PDF, JPEG or PNG'],
    [{ name: 'a.pdf', size: 0 }, 'Choose a document to add'],
  ])('%j → %j', (file, problem) => {
    expect(documentFileProblem(file)).toBe(problem);
  });

  it('declares the type the name suggests (the server sniffs the bytes anyway)', () => {
    expect(['a.PDF', 'a.png', 'a.jpg', 'a.jpeg'].map(declaredDocumentType)).toEqual([
      'application/pdf',
      'image/png',
      'image/jpeg',
      'image/jpeg',
    ]);
  });
});

describe('documentUploadRequestSchema', () => {
  const valid = { petId: 'p', visitId: 'v', filename: 'a.pdf', fileType: 'application/pdf', fileSize: 10 };
  const message = (input: object) => {
    const result = documentUploadRequestSchema.safeParse({ ...valid, ...input });
    return result.success ? null : result.error.issues[0]?.message;
  };

  it('accepts PDF, JPEG and PNG up to 10 MB, and nothing else', () => {
    expect(message({})).toBeNull();
    expect(message({ fileType: 'image/png', fileSize: MAX_DOCUMENT_BYTES })).toBeNull();
    expect(message({ fileType: 'image/svg+xml' })).toBe('Documents must be PDF, JPEG or PNG');
    expect(message({ fileType: 'application/pdf; charset=utf-8' })).toBe('Documents must be PDF, JPEG or PNG');
    expect(message({ fileSize: MAX_DOCUMENT_BYTES + 1 })).toBe('A document can be at most 10 MB');
    expect(message({ fileSize: 0 })).toBe('Choose a document to add');
    expect(message({ filename: 'x'.repeat(256) })).toBe('A document’s file name can be at most 255 characters');
  });
});
