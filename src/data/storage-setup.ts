// Gets storage ready when the server starts: the local folder, or the S3 bucket and the CORS rules
// browsers need (README: the bucket is "created, with CORS for APP_URL, if missing"): without it,
// every upload to a new bucket fails with NoSuchBucket. A store that refuses (down, or no
// permission to set CORS on a bucket its operator configured) does not stop the app: it is
// logged, and /api/health tells.
import 'server-only';
import { logger } from '@/lib/logger';
import { storage } from '@/storage';

/** A store that does not answer must not hold the start-up up for long. */
const PREPARE_WAIT_MS = 10_000;

export async function prepareStorage(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const prepared = storage()
    .ensureReady()
    .then(
      () => 'ready' as const,
      (error: unknown) => {
        logger().warn(
          { err: error, driver: storage().driver },
          'storage could not be prepared at start-up (bucket, CORS); continuing',
        );
        return 'failed' as const;
      },
    );
  const waited = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), PREPARE_WAIT_MS);
  });
  const outcome = await Promise.race([prepared, waited]);
  clearTimeout(timer);
  if (outcome === 'slow')
    logger().warn(
      { driver: storage().driver },
      'storage is slow to answer at start-up; preparing it in the background',
    );
}
