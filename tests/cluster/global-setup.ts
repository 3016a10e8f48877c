// Once per cluster run: HAProxy installed (scripts/provision.ts), the production build current
// (built by starting it once, so no test pays for or races a build), and one S3 server (radosgw)
// that every cluster of the run shares, each with a bucket of its own.
import type { TestProject } from 'vitest/node';
import { HAPROXY, installCommand, installNeeds, missingBinaries } from '../../scripts/provision';
import { isS3Server, startS3Server, type S3TestServer } from '../support/radosgw';
import { ensureProductionBuild } from '../support/production-build';
import { rangePort } from './support/rig';

let s3: S3TestServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (missingBinaries(HAPROXY).length > 0) {
    if (process.getuid?.() !== 0) throw new Error(`HAProxy is missing: ${installCommand([HAPROXY])}`);
    installNeeds([HAPROXY], console.log);
  }

  await ensureProductionBuild('cluster', await rangePort());

  const started = await startS3Server({ timeoutMs: 120_000 });
  if (!isS3Server(started)) throw new Error(started.unavailable);
  s3 = started;
  project.provide('clusterS3', {
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    region: s3.region,
  });
}

export async function teardown(): Promise<void> {
  await s3?.stop();
}
