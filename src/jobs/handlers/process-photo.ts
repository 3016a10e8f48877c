// The process-photo job (ADR 0016): decodes a pet's uploaded original and writes its display image
// and thumbnail, off the request path. Two at a time per process, each on one libvips thread
// (src/data/images), so photos never hold more than two cores however many a machine has, and
// one photo's reads and writes overlap the other's decode; one at a time per account across every
// process (pg-boss groups), taken in turns, so one account's ten photos delay another's first by
// one or two, not by ten (src/queue/send.ts, src/jobs/workers.ts).
import 'server-only';
import { processPendingPhoto } from '@/data/pets/photo-processing';
import { logger } from '@/lib/logger';
import { processPhotoJob } from '@/queue/jobs';
import { handleJob } from '../define';

export const processPhotoHandler = handleJob(processPhotoJob, async ({ petId, originalKey }, run) => {
  const outcome = await processPendingPhoto(run, petId, originalKey);
  logger().info({ jobId: run.jobId, petId, outcome }, 'photo processed');
});
