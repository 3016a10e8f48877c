// Is this instance able to serve? The database answers a query and storage answers a lookup,
// each within a short time. Says which part is down, never why (no internals).
import 'server-only';
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';
import { storage } from '@/storage';

export type Health = { status: 'ok' | 'unavailable'; database: 'ok' | 'unavailable'; storage: 'ok' | 'unavailable' };

const CHECK_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, objects] = await Promise.all([
    probe(() => db().execute(sql`select 1`)),
    // A lookup of a key that never exists: answered by a reachable store, refused by none.
    probe(() => storage().head('health-check/probe')),
  ]);
  return { status: database === 'ok' && objects === 'ok' ? 'ok' : 'unavailable', database, storage: objects };
}
