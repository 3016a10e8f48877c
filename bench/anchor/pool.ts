// The anchor's pg pool, one per process, sized like the app's (the bench passes the app's
// DATABASE_POOL_MAX default in ANCHOR_POOL_MAX).
import pg from 'pg';

let shared: pg.Pool | undefined;

export function pool(): pg.Pool {
  shared ??= new pg.Pool({
    connectionString: process.env.ANCHOR_DATABASE_URL,
    max: Number(process.env.ANCHOR_POOL_MAX),
  });
  return shared;
}
