// Signed upload and download URLs of the local disk storage (ADR 0005's adapter): every request
// must carry a valid, unexpired signature for its method and key. Under S3 this answers 404.
import { serveLocalStorage } from '@/data/images';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return serveLocalStorage(request);
}

export async function HEAD(request: Request): Promise<Response> {
  return serveLocalStorage(request);
}

export async function PUT(request: Request): Promise<Response> {
  return serveLocalStorage(request);
}
