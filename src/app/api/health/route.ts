// GET /api/health: 200 when the database and storage answer, 503 otherwise; no internals.
import { checkHealth } from '@/data/health';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
