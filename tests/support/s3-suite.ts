// One integration suite run on the S3 adapter against a real S3 server (radosgw; ADR 0005): the
// server started for the file, the app's storage pointed at it, stopped after. Skipped, loudly, only
// when radosgw is not installed outside CI (CI provisions it).
import { afterAll, beforeAll, describe } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { resetStorageForTests, storage } from '@/storage';
import { isS3Server, startS3Server } from './radosgw';

export async function describeOnS3(title: string, suite: () => void): Promise<void> {
  const server = await startS3Server({ timeoutMs: 60_000 });
  if (!isS3Server(server)) console.warn(`SKIPPING ${title}: ${server.unavailable}`);

  describe.skipIf(!isS3Server(server))(title, () => {
    beforeAll(async () => {
      if (!isS3Server(server)) return;
      Object.assign(process.env, {
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: server.endpoint,
        S3_REGION: server.region,
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: server.accessKeyId,
        S3_SECRET_ACCESS_KEY: server.secretAccessKey,
      });
      resetEnvForTests();
      resetStorageForTests();
      await storage().ensureReady();
    });

    afterAll(async () => {
      if (isS3Server(server)) await server.stop();
    });

    suite();
  });
}
