// The process-photo job (ADR 0016): decodes a pet's uploaded original and writes its display image
// and thumbnail, off the request path. Two at a time per process, each on one libvips thread
// (src/data/images.ts), so photos never hold more than two cores however many a machine has, and
// one photo's reads and writes overlap the other's decode; one at a time per account across every
// process (pg-boss groups), taken in turns, so one account's ten photos delay another's first by
// one or two, not by ten (enqueue.ts, workers.ts).
import { z } from 'zod';
import { processPendingPhoto } from '@/data/pets/photo-processing';
import { logger } from '@/lib/logger';
import { defineJob } from '../define';

export const processPhotoJob = defineJob({
  name: 'process-photo',
  scope: 'user',
  schema: z.object({ userId: z.uuid(), petId: z.uuid(), originalKey: z.string().min(1).max(512) }),
  concurrency: 2,
  oneAtATimePerUser: true,
  // Storage down is worth a few tries (about 5 minutes in all); a photo that cannot be decoded is
  // not a failure of the job: the pet is marked failed and the job completes.
  retryLimit: 5,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 120,
  expireInSeconds: 5 * 60,
  deleteAfterSeconds: 24 * 60 * 60,
  handler: async ({ petId, originalKey }, run) => {
    const outcome = await processPendingPhoto(run, petId, originalKey);
    logger().info({ jobId: run.jobId, petId, outcome }, 'photo processed');
  },
});
