// What a stored or submitted file is, by its magic bytes (file-type): never by its name or the type
// the browser declared. Shared by photos (accept.ts) and vet visit documents.
import 'server-only';
import { open } from 'node:fs/promises';
import { fileTypeFromBuffer } from 'file-type';

// What file-type reads to tell a type (its sample size); JPEG, PNG and PDF need the first few bytes.
const MAGIC_BYTES = 4100;

/** The MIME type the bytes are, or null when file-type does not know them. `source`: bytes or a file's path. */
export async function sniffMime(source: Buffer | string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(typeof source === 'string' ? await firstBytes(source) : source);
  return detected?.mime ?? null;
}

/** The start of a file: as much as file-type looks at. */
async function firstBytes(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(MAGIC_BYTES), 0, MAGIC_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
