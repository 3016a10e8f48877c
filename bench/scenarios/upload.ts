// A large JPEG uploaded through the signed URL and finalized by createPet (the server's photo
// pipeline): wall time one at a time, then several at once with the server's peak memory.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { HttpClient } from '../../tests/support/http';
import { uploadPhoto } from '../../tests/support/photo-upload';
import { expectRedirect, petForm } from '../calls';
import { log, sleep, type Scenario } from '../context';
import type { ActionIds } from '../instances';
import { absolute, groupRss, report, rssSampler, type Result } from '../lib';
import { photoJpeg } from '../photos';

/** Upload, then createPet with it: the wall time of both, as a user waits for them. */
async function uploadAndCreate(client: HttpClient, ids: ActionIds, bytes: Buffer, label: string): Promise<number> {
  const started = process.hrtime.bigint();
  const storagePath = await uploadPhoto(client, ids, bytes, `${label}.jpg`, 'image/jpeg');
  const call = await client.action(
    ids.createPet,
    [null, petForm({ name: label, storagePath, submissionId: randomUUID() })],
    { path: '/pets/new' },
  );
  expectRedirect(call, 'createPet with photo');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export const uploadScenario: Scenario = {
  key: 'upload',
  title: 'upload',
  onPglite: true,
  async run({ main, ids, me }, { sizes }) {
    const results: Result[] = [];
    const bytes = await photoJpeg(sizes.uploadBytes);
    const megabytes = Math.round(bytes.length / 1024 / 1024);
    log(
      `upload: a ${bytes.length}-byte JPEG (${(await sharp(bytes).metadata()).width}×${(await sharp(bytes).metadata()).height})`,
    );
    await uploadAndCreate(me.client, ids, bytes, 'warmup');
    const walls: number[] = [];
    for (let index = 0; index < sizes.uploads; index++)
      walls.push(await uploadAndCreate(me.client, ids, bytes, `upload-${index}`));
    results.push(absolute(`${megabytes} MB JPEG upload + finalize: wall time`, 'ms', walls, 3000, '≤ 3 s'));
    const pgid = main.server.process.pid!;
    await sleep(1000);
    const before = groupRss(pgid);
    const sampler = rssSampler(pgid);
    const concurrentWalls = await Promise.all(
      Array.from({ length: sizes.concurrentUploads }, (_, index) =>
        uploadAndCreate(me.client, ids, bytes, `concurrent-${index}`),
      ),
    );
    const peak = sampler.stop();
    const peakMb = Math.round(peak / 1024 / 1024);
    results.push({
      name: `server peak RSS, ${sizes.concurrentUploads} uploads at once`,
      unit: 'MB',
      median: peakMb,
      p95: peakMb,
      limit: 600,
      ratio: Math.round((peakMb / 600) * 100) / 100,
      target: '≤ 600 MB',
      met: peakMb <= 600,
    });
    log(
      `upload: server RSS ${Math.round(before / 1024 / 1024)} MB before the ${sizes.concurrentUploads} uploads, peak ${peakMb} MB`,
    );
    results.push(
      report(
        `${megabytes} MB JPEG upload + finalize, ${sizes.concurrentUploads} at once: wall time`,
        'ms',
        concurrentWalls,
        null,
      ),
    );
    return results;
  },
};
