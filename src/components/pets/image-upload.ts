// Browser side of a photo upload: shrink the picture, then PUT it straight to storage through a
// signed URL with real progress (XMLHttpRequest: fetch cannot report upload progress).

const LONGEST_SIDE = 2560;
const JPEG_QUALITY = 0.88;

/** Decodes the picture (honouring its EXIF orientation) or returns null if the browser cannot. */
async function decode(file: Blob): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
}

/**
 * The picture at most 2560 px on its longest side, re-encoded in its own format; the original
 * when that is not smaller. null when the file is not a picture the browser can read.
 */
export async function shrinkImage(file: File): Promise<Blob | null> {
  const bitmap = await decode(file);
  if (!bitmap) return null;
  const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return file;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, JPEG_QUALITY));
  return blob && blob.size < file.size ? blob : file;
}

export class UploadError extends Error {
  override name = 'UploadError';
  constructor(readonly reason: 'network' | 'refused' | 'aborted') {
    super(reason);
  }
}

/** PUTs `body` to a signed URL, reporting progress 0–1; rejects with UploadError. */
export function putWithProgress(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else {
        // 403: the signed URL expired or was refused; 413: too large.
        reject(new UploadError('refused'));
      }
    };
    request.onerror = () => reject(new UploadError('network'));
    request.onabort = () => reject(new UploadError('aborted'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(body);
  });
}
