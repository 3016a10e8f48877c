// Evidence for the photo pipeline: the server's decode → display + thumbnail step
// (src/data/images.ts, storeImage) as it is, as it was and as proposed, on the same 20 MB
// 24-megapixel JPEG, run alternately in this process: wall time per photo and bytes of the two
// WebP images.
//   npx tsx bench/photo-pipeline.ts [rounds]
import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from '../src/lib/validations/rules';
import { median } from './lib';
import { photoJpeg } from './photos';

const THUMBNAIL = { width: 640, height: 480 };
const DISPLAY = { width: 2560, height: 2560, fit: 'inside' as const, withoutEnlargement: true };

type Pipeline = (bytes: Buffer) => Promise<[Buffer, Buffer]>;

/** As in src/data/images.ts today: two sequential shrink-on-load pipelines. */
const current: Pipeline = async (bytes) => {
  const decode = () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
  const display = await decode().resize(DISPLAY).webp({ quality: 82 }).toBuffer();
  const thumbnail = await decode()
    .resize({ ...THUMBNAIL, fit: 'cover', position: 'attention' })
    .webp({ quality: 70 })
    .toBuffer();
  return [display, thumbnail];
};

/** The current two pipelines at once instead of one after the other. */
const parallel: Pipeline = async (bytes) => {
  const decode = () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
  return Promise.all([
    decode().resize(DISPLAY).webp({ quality: 82 }).toBuffer(),
    decode()
      .resize({ ...THUMBNAIL, fit: 'cover', position: 'attention' })
      .webp({ quality: 70 })
      .toBuffer(),
  ]);
};

/** Before 2026-12-02: two clones of one decode, at once. */
const clones: Pipeline = async (bytes) => {
  const decoded = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  return Promise.all([
    decoded.clone().resize(DISPLAY).webp({ quality: 82 }).toBuffer(),
    decoded
      .clone()
      .resize({ ...THUMBNAIL, fit: 'cover', position: 'attention' })
      .webp({ quality: 70 })
      .toBuffer(),
  ]);
};

/** The current pipeline with WebP effort 2 instead of the default 4 for both images. */
const effort2: Pipeline = async (bytes) => {
  const decode = () =>
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true }).rotate();
  const display = await decode().resize(DISPLAY).webp({ quality: 82, effort: 2 }).toBuffer();
  const thumbnail = await decode()
    .resize({ ...THUMBNAIL, fit: 'cover', position: 'attention' })
    .webp({ quality: 70, effort: 2 })
    .toBuffer();
  return [display, thumbnail];
};

const pipelines: [string, Pipeline][] = [
  ['current (effort 4)', current],
  ['two clones (before)', clones],
  ['current, both at once', parallel],
  ['effort 2', effort2],
];

const rounds = Number(process.argv[2] ?? 3);
const bytes = await photoJpeg(20 * 1024 * 1024);
const times = new Map<string, number[]>(pipelines.map(([name]) => [name, []]));
const sizes = new Map<string, [number, number]>();
await current(bytes); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [name, pipeline] of pipelines) {
    const started = process.hrtime.bigint();
    const [display, thumbnail] = await pipeline(bytes);
    times.get(name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
    sizes.set(name, [display.length, thumbnail.length]);
  }
}
for (const [name] of pipelines) {
  const [display, thumbnail] = sizes.get(name)!;
  console.log(
    `${name.padEnd(20)} median ${Math.round(median(times.get(name)!))} ms  (${times.get(name)!.map(Math.round).join(', ')})  display ${Math.round(display / 1024)} KB, thumbnail ${Math.round(thumbnail / 1024)} KB`,
  );
}
