// `npx tsx scripts/s3-test-server.ts`: starts the same throw-away radosgw the S3 test suite uses
// (tests/support/radosgw.ts, ADR 0005) and prints the variables that point the app at it.
// Ctrl-C stops it and deletes its data.
import { isS3Server, startS3Server, type S3TestServer } from '../tests/support/radosgw';

const server = await startS3Server({ log: (line) => console.error(`[radosgw] ${line}`) });
if (!isS3Server(server)) {
  console.error(server.unavailable);
  process.exit(1);
}
const live: S3TestServer = server;

console.log(`# S3-compatible server ready (started in ${(server.startedInMs / 1000).toFixed(1)} s). Use:
STORAGE_DRIVER=s3
S3_ENDPOINT=${server.endpoint}
S3_REGION=${server.region}
S3_FORCE_PATH_STYLE=true
S3_BUCKET=pet-images
S3_ACCESS_KEY_ID=${server.accessKeyId}
S3_SECRET_ACCESS_KEY=${server.secretAccessKey}
# The bucket and its CORS rules are created by the app's storage().ensureReady(). Ctrl-C stops the server.`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.error('[radosgw] stopping…');
  await live.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// Keep the process alive until a signal arrives.
setInterval(() => {}, 1 << 30);
