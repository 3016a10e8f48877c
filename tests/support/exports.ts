// An export's row as startDataExport commits it, without its job: what a process that died between
// the commit and the send leaves behind (or a test that runs the job itself).
import { sql } from 'drizzle-orm';
import { exportKey } from '@/data/exports';
import { db } from '@/db/client';

export async function queuedExportWithoutJob(userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db().execute(
    sql`insert into data_exports (id, user_id, storage_key, expires_at) values (${id}, ${userId}, ${exportKey(userId, id)}, now() + interval '7 days')`,
  );
  return id;
}
