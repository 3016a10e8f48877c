// Data export on the S3 adapter against a real S3 server (radosgw; ADR 0005): the same suite as on
// local disk. Skipped, loudly, only when radosgw is not installed outside CI.
import { afterAll, beforeAll, describe } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { resetStorageForTests, storage } from '@/storage';
import { isS3Server, startS3Server } from '../support/radosgw';
import { dataExportSuite } from './data-export-suite';

const server = await startS3Server({ timeoutMs: 60_000 });
if (!isS3Server(server)) console.warn(`SKIPPING the S3 data export suite: ${server.unavailable}`);

describe.skipIf(!isS3Server(server))('data export on S3 (radosgw)', () => {
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

  dataExportSuite('s3');
});
