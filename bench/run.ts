// `npm run bench`: builds the production app if needed, starts it on a fresh PostgreSQL database,
// seeds accounts and pets with SQL (generate_series, as a superuser), measures every performance
// target side by side with its limit and prints one table; writes bench/results.json.
//   npm run bench                 full sizes (~10 min on 2 cores)
//   npm run bench -- --smoke      tiny sizes, a few iterations: proves the harness works (CI)
//   npm run bench -- --pglite     the same on the embedded database (PGlite), where it applies
//   --out <file>                  where to write the results (default bench/results.json,
//                                 bench/results-smoke.json with --smoke)
//   --only <a,b>                  run only these groups: getpets,page,crud,upload,growth,weight
// See docs/performance.md for what each measure is and how it is taken.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import pg from 'pg';
import sharp from 'sharp';
import { HttpClient, type ActionCall } from '../tests/security/support/http';
import { absolute, median, printTable, relative, report, rssSampler, groupRss, serverTimes, type Result } from './lib';
import { padJpeg } from '../tests/support/images';
import { actionIdsOf, startAppInstance, type AppInstance } from '../tests/support/app-instance';
import { measureAgainstAnchor } from './scenarios/anchor';

const argv = process.argv.slice(2);
const SMOKE = argv.includes('--smoke');
const PGLITE = argv.includes('--pglite');
const outIndex = argv.indexOf('--out');
const onlyIndex = argv.indexOf('--only');
const ONLY = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]!.split(',')) : null;
const cwd = process.cwd();
const OUT =
  outIndex >= 0
    ? path.resolve(argv[outIndex + 1]!)
    : path.join(cwd, 'bench', SMOKE ? 'results-smoke.json' : 'results.json');
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export const SIZES = SMOKE
  ? {
      others: 1_000,
      otherUsers: 20,
      mine: 20,
      iterations: 8,
      warmup: 2,
      loadSeconds: 2,
      rounds: 1,
      connections: 10,
      crud: 4,
      uploadBytes: 2 * 1024 * 1024,
      uploads: 1,
      concurrentUploads: 2,
      growthSmall: 100,
      growthLarge: 500,
      tableSmall: 1_000,
      tableLarge: 5_000,
    }
  : {
      others: 100_000,
      otherUsers: 1_000,
      mine: 100,
      iterations: 200,
      warmup: 20,
      loadSeconds: 10,
      rounds: 2,
      connections: 50,
      crud: 100,
      uploadBytes: 20 * 1024 * 1024,
      uploads: 3,
      concurrentUploads: 10,
      growthSmall: 100,
      growthLarge: 10_000,
      tableSmall: 1_000,
      tableLarge: 1_000_000,
    };

const want = (group: string) => !ONLY || ONLY.has(group);
export const results: Result[] = [];
export const log = (message: string) =>
  console.log(
    `bench: ${message} (load ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')})`,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── Action ids from the build's server reference manifest (as the security suite does) ──

const ACTIONS = [
  'register',
  'login',
  'getCurrentUser',
  'getPets',
  'getPet',
  'createPet',
  'updatePet',
  'deletePet',
  'generateImageUploadUrl',
] as const;
type ActionName = (typeof ACTIONS)[number];

export function actionIds(buildDir = cwd): Record<ActionName, string> {
  return actionIdsOf(ACTIONS, buildDir);
}

// ── Databases and servers ──

export type Instance = AppInstance;
const instances: Instance[] = [];

export async function startInstance(label: string, buildDir = cwd): Promise<Instance> {
  log(
    `starting the production build for "${label}" (${PGLITE ? 'PGlite' : 'a new PostgreSQL database'}; builds first if needed)`,
  );
  const instance = await startAppInstance({
    backend: PGLITE ? 'pglite' : 'postgres',
    label: `bench-${label}`,
    buildDir,
    adminUrl: ADMIN_URL,
  });
  instances.push(instance);
  return instance;
}

export async function stopInstance(instance: Instance): Promise<void> {
  const index = instances.indexOf(instance);
  if (index >= 0) instances.splice(index, 1);
  await instance.dispose();
}

export async function cleanup(): Promise<void> {
  for (const instance of [...instances]) await stopInstance(instance).catch(() => {});
}

// ── Accounts, made through the register action over HTTP ──

export type Account = { client: HttpClient; email: string; password: string; userId: string };

function expectRedirect(call: ActionCall, what: string): string {
  if (call.outcome.kind !== 'redirected')
    throw new Error(`${what}: expected a redirect, got ${JSON.stringify(call.outcome).slice(0, 400)}`);
  return call.outcome.location;
}

export async function register(instance: Instance, ids: Record<ActionName, string>, label: string): Promise<Account> {
  const client = new HttpClient(instance.server.port);
  const email = `${label}-${randomBytes(4).toString('hex')}@bench.example`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const form = new FormData();
  form.append('email', email);
  form.append('password', password);
  expectRedirect(await client.action(ids.register, [null, form], { path: '/register' }), `register ${label}`);
  const me = await client.action(ids.getCurrentUser, [], { path: '/pets' });
  const user = me.outcome.kind === 'returned' ? (me.outcome.value as { id: string } | null) : null;
  if (!user) throw new Error(`no session after registering ${label}`);
  return { client, email, password, userId: user.id };
}

// ── Seeding with SQL, as the superuser (bypasses row-level security; fast) ──

async function withAdmin<T>(instance: Instance, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: instance.databaseUrl! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `count` pets spread over `users` new accounts of other people. */
export async function seedOthers(instance: Instance, users: number, count: number): Promise<void> {
  await withAdmin(instance, async (client) => {
    const tag = randomBytes(3).toString('hex');
    await client.query(
      `insert into users (email, name) select 'other-${tag}-' || g || '@bench.example', '' from generate_series(1, $1) g`,
      [users],
    );
    await client.query(
      `with owners as (select id, row_number() over (order by id) - 1 as k from users where email like 'other-${tag}-%')
       insert into pets (user_id, name, category, birthday, gender, created_at, updated_at)
       select owners.id, 'Pet ' || g, (array['Dog','Cat','Bird','Fish'])[1 + g % 4], date '2012-01-01' + (g % 4000),
              (array['male','female','other','prefer-not-to-say'])[1 + g % 4], now() - g * interval '1 second', now()
       from generate_series(1, $1) g join owners on owners.k = g % $2`,
      [count, users],
    );
    await client.query('analyze pets');
  });
}

/** `count` pets of one user; with `photos`, each points at real small WebP images on disk. */
export async function seedMine(
  instance: Instance,
  userId: string,
  count: number,
  photos: Buffer[] | null,
): Promise<void> {
  const paths: (string | null)[] = [];
  if (photos) {
    const folder = path.join(instance.dataDir, 'storage', 'pet-images', userId, 'pets');
    mkdirSync(folder, { recursive: true });
    for (let index = 0; index < count; index++) {
      const key = `${userId}/pets/${randomUUID()}-bench-${index}.webp`;
      const photo = photos[index % photos.length]!;
      for (const file of [key, key.replace(/\.webp$/, '.thumb.webp')]) {
        const target = path.join(instance.dataDir, 'storage', 'pet-images', file);
        writeFileSync(target, photo);
        writeFileSync(
          path.join(path.dirname(target), `.${path.basename(target)}.meta.json`),
          JSON.stringify({ contentType: 'image/webp' }),
        );
      }
      paths.push(key);
    }
  }
  await withAdmin(instance, async (client) => {
    await client.query(
      `insert into pets (user_id, name, category, birthday, gender, image_path, created_at, updated_at)
       select $1, 'Mine ' || g, (array['Dog','Cat','Bird','Fish'])[1 + g % 4], date '2012-01-01' + (g % 4000),
              (array['male','female','other','prefer-not-to-say'])[1 + g % 4], ($3::text[])[g], now() - g * interval '1 second', now()
       from generate_series(1, $2) g`,
      [userId, count, photos ? paths : []],
    );
    await client.query('analyze pets');
  });
}

/** Photo-like thumbnails (640×480 WebP at the app's quality 70, ~43 KB each like a real photo's):
 * upscaled, blurred noise, not flat colour (which would weigh almost nothing). */
export async function thumbnails(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    const raw = randomBytes(80 * 60 * 3);
    out.push(
      await sharp(raw, { raw: { width: 80, height: 60, channels: 3 } })
        .resize(640, 480, { kernel: 'cubic' })
        .blur(1.2)
        .webp({ quality: 70 })
        .toBuffer(),
    );
  }
  return out;
}

/** A JPEG of `bytes` bytes with photo-like content (6000×4000 when 20 MB), padded with comments. */
export async function photoJpeg(bytes: number): Promise<Buffer> {
  const [width, height] = bytes >= 10 * 1024 * 1024 ? [6000, 4000] : [2000, 1500];
  const raw = randomBytes((width / 4) * (height / 4) * 3);
  let quality = 95;
  let jpeg: Buffer;
  for (;;) {
    jpeg = await sharp(raw, { raw: { width: width / 4, height: height / 4, channels: 3 } })
      .resize(width, height, { kernel: 'cubic' })
      .jpeg({ quality })
      .toBuffer();
    if (jpeg.length <= bytes || quality <= 40) break;
    quality -= 10;
  }
  return padJpeg(jpeg, bytes);
}

// ── Measuring ──

/** Server time of an action call: the server's own duration for that request id, from its log. */
async function timedActions(instance: Instance, calls: (() => Promise<ActionCall>)[]): Promise<number[]> {
  const requestIds: string[] = [];
  for (const call of calls) {
    const { response, outcome } = await call();
    if (outcome.kind === 'error') throw new Error(`action failed: ${outcome.status} ${outcome.detail}`);
    requestIds.push(String(response.headers['x-request-id']));
  }
  return resolveServerTimes(instance, requestIds);
}

export async function resolveServerTimes(instance: Instance, requestIds: string[]): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    await sleep(150);
    const times = serverTimes(instance.logFile);
    const found = requestIds.map((id) => times.get(id));
    if (found.every((value) => value !== undefined)) return found as number[];
    if (attempt > 20)
      throw new Error(
        `the server log has no duration for ${found.filter((value) => value === undefined).length} requests`,
      );
  }
}

/** The statements listPets sends for a first page, run directly with pg: one transaction, role
 * and user set, the page with its total (a scalar subquery) — the same SQL Drizzle generates
 * (src/data/pets.ts, src/db/with-user.ts). */
function rawListPets(pool: pg.Pool, userId: string, limit: number): () => Promise<number> {
  return async () => {
    const started = process.hrtime.bigint();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', 'app_user', true), set_config('app.user_id', $1, true)`, [userId]);
      await client.query(
        `select "id", "name", "category", "birthday", "gender", "image_path", "version", "created_at", "updated_at",
         (select count(*) from "pets" where "pets"."user_id" = $1) from "pets"
         where "pets"."user_id" = $2 order by "pets"."created_at" desc, "pets"."id" desc limit $3`,
        [userId, userId, limit],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
}

async function measureGetPets(instance: Instance, ids: Record<ActionName, string>, me: Account): Promise<void> {
  const pool = new pg.Pool({ connectionString: instance.databaseUrl!, max: 2 });
  try {
    for (const limit of [20, 100]) {
      const action = () => me.client.action(ids.getPets, [{ limit, page: 0 }], { path: '/pets' });
      const raw = rawListPets(pool, me.userId, limit);
      for (let index = 0; index < SIZES.warmup; index++) {
        await action();
        await raw();
      }
      // Interleaved: one action call, one raw query, so both see the same machine.
      const requestIds: string[] = [];
      const rawTimes: number[] = [];
      for (let index = 0; index < SIZES.iterations; index++) {
        const call = await action();
        if (
          call.outcome.kind !== 'returned' ||
          (call.outcome.value as { pets: unknown[] }).pets.length !== Math.min(limit, SIZES.mine)
        ) {
          throw new Error(`getPets returned ${JSON.stringify(call.outcome).slice(0, 300)}`);
        }
        requestIds.push(String(call.response.headers['x-request-id']));
        rawTimes.push(await raw());
      }
      const server = await resolveServerTimes(instance, requestIds);
      results.push(
        absolute(`getPets ${SIZES.mine} pets, limit ${limit}: server time`, 'ms', server, 20, 'p95 ≤ 20 ms'),
      );
      results.push(
        relative(
          `getPets ${SIZES.mine} pets, limit ${limit}: vs raw pg query`,
          'ms',
          server,
          rawTimes,
          3,
          '≤ 3× raw pg (p95)',
        ),
      );
    }
  } finally {
    await pool.end();
  }
}

function petForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    category: 'Dog',
    birthday: '2020-05-17',
    gender: 'female',
    timezone: 'UTC',
    ...fields,
  }))
    form.append(name, value);
  return form;
}

async function measureCrud(
  instance: Instance,
  ids: Record<ActionName, string>,
  me: Account,
  getPetId: string,
): Promise<void> {
  const client = me.client;
  // Warm-up of each action.
  for (let index = 0; index < SIZES.warmup; index++)
    await client.action(ids.getPet, [{ id: getPetId }], { path: `/pets/${getPetId}` });

  const created: string[] = [];
  const createIds: string[] = [];
  for (let index = 0; index < SIZES.crud; index++) {
    const call = await client.action(
      ids.createPet,
      [null, petForm({ name: `Bench ${index}`, submissionId: randomUUID() })],
      { path: '/pets/new' },
    );
    const location = expectRedirect(call, 'createPet');
    created.push(new URL(location, 'http://x').searchParams.get('created')!);
    createIds.push(String(call.response.headers['x-request-id']));
  }
  const getTimes = await timedActions(
    instance,
    Array.from(
      { length: SIZES.crud },
      (_, index) => () => client.action(ids.getPet, [{ id: created[index]! }], { path: `/pets/${created[index]}` }),
    ),
  );
  const updateIds: string[] = [];
  for (const [index, id] of created.entries()) {
    const call = await client.action(
      ids.updatePet,
      [null, petForm({ id, name: `Bench ${index} edited`, version: '1' })],
      { path: `/pets/${id}/edit` },
    );
    expectRedirect(call, 'updatePet');
    updateIds.push(String(call.response.headers['x-request-id']));
  }
  const deleteIds: string[] = [];
  for (const id of created) {
    const call = await client.action(ids.deletePet, [{ id }], { path: `/pets/${id}` });
    expectRedirect(call, 'deletePet');
    deleteIds.push(String(call.response.headers['x-request-id']));
  }
  const login = new HttpClient(instance.server.port);
  const loginIds: string[] = [];
  for (let index = 0; index < Math.min(SIZES.crud, 50); index++) {
    const form = new FormData();
    form.append('email', me.email);
    form.append('password', me.password);
    const call = await login.action(ids.login, [null, form], { path: '/login' });
    expectRedirect(call, 'login');
    loginIds.push(String(call.response.headers['x-request-id']));
    login.jar.clear();
  }
  results.push(absolute('getPet: server time', 'ms', getTimes, 50, 'reported (p95 ≤ 50 ms as for writes)'));
  results[results.length - 1]!.met = null;
  results.push(
    absolute(
      'createPet, no photo: server time',
      'ms',
      await resolveServerTimes(instance, createIds),
      50,
      'p95 ≤ 50 ms',
    ),
  );
  results.push(
    absolute(
      'updatePet, no photo: server time',
      'ms',
      await resolveServerTimes(instance, updateIds),
      50,
      'p95 ≤ 50 ms',
    ),
  );
  results.push(
    absolute(
      'deletePet, no photo: server time',
      'ms',
      await resolveServerTimes(instance, deleteIds),
      50,
      'p95 ≤ 50 ms',
    ),
  );
  results.push(absolute('login: server time', 'ms', await resolveServerTimes(instance, loginIds), 300, 'p95 ≤ 300 ms'));
}

async function uploadAndCreate(
  client: HttpClient,
  ids: Record<ActionName, string>,
  bytes: Buffer,
  label: string,
): Promise<number> {
  const started = process.hrtime.bigint();
  const { outcome } = await client.action(
    ids.generateImageUploadUrl,
    [{ filename: `${label}.jpg`, fileType: 'image/jpeg', fileSize: bytes.length }],
    { path: '/pets/new' },
  );
  const value =
    outcome.kind === 'returned'
      ? (outcome.value as { success: boolean; uploadUrl: string; storagePath: string })
      : null;
  if (!value?.success) throw new Error(`generateImageUploadUrl failed: ${JSON.stringify(outcome)}`);
  const url = new URL(value.uploadUrl, client.origin);
  const put = await client.request(`${url.pathname}${url.search}`, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': 'image/jpeg' },
  });
  if (put.status !== 200) throw new Error(`upload PUT failed: ${put.status} ${put.text}`);
  const call = await client.action(
    ids.createPet,
    [null, petForm({ name: label, storagePath: value.storagePath, submissionId: randomUUID() })],
    { path: '/pets/new' },
  );
  expectRedirect(call, 'createPet with photo');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function measureUpload(instance: Instance, ids: Record<ActionName, string>, me: Account): Promise<void> {
  const bytes = await photoJpeg(SIZES.uploadBytes);
  const megabytes = Math.round(bytes.length / 1024 / 1024);
  log(
    `upload: a ${bytes.length}-byte JPEG (${(await sharp(bytes).metadata()).width}×${(await sharp(bytes).metadata()).height})`,
  );
  await uploadAndCreate(me.client, ids, bytes, 'warmup');
  const walls: number[] = [];
  for (let index = 0; index < SIZES.uploads; index++)
    walls.push(await uploadAndCreate(me.client, ids, bytes, `upload-${index}`));
  results.push(absolute(`${megabytes} MB JPEG upload + finalize: wall time`, 'ms', walls, 3000, '≤ 3 s'));
  const pgid = instance.server.process.pid!;
  await sleep(1000);
  const before = groupRss(pgid);
  const sampler = rssSampler(pgid);
  const concurrentWalls = await Promise.all(
    Array.from({ length: SIZES.concurrentUploads }, (_, index) =>
      uploadAndCreate(me.client, ids, bytes, `concurrent-${index}`),
    ),
  );
  const peak = sampler.stop();
  const peakMb = Math.round(peak / 1024 / 1024);
  results.push({
    name: `server peak RSS, ${SIZES.concurrentUploads} uploads at once`,
    unit: 'MB',
    median: peakMb,
    p95: peakMb,
    limit: 600,
    ratio: Math.round((peakMb / 600) * 100) / 100,
    target: '≤ 600 MB',
    met: peakMb <= 600,
  });
  log(
    `upload: server RSS ${Math.round(before / 1024 / 1024)} MB before the ${SIZES.concurrentUploads} uploads, peak ${peakMb} MB`,
  );
  results.push(
    report(
      `${megabytes} MB JPEG upload + finalize, ${SIZES.concurrentUploads} at once: wall time`,
      'ms',
      concurrentWalls,
      null,
    ),
  );
}

async function measureGrowth(
  main: Instance,
  ids: Record<ActionName, string>,
  small: Account,
  large: Account,
): Promise<void> {
  const pageCall = (account: Account, page: number) => () =>
    account.client.action(ids.getPets, [{ limit: 20, page }], { path: '/pets' });
  const smallLast = Math.ceil(SIZES.growthSmall / 20) - 1;
  const largeLast = Math.ceil(SIZES.growthLarge / 20) - 1;
  const calls = [pageCall(small, 0), pageCall(small, smallLast), pageCall(large, 0), pageCall(large, largeLast)];
  for (let index = 0; index < SIZES.warmup; index++) for (const call of calls) await call();
  const requestIds: string[][] = [[], [], [], []];
  for (let index = 0; index < SIZES.iterations; index++) {
    for (const [which, call] of calls.entries())
      requestIds[which]!.push(String((await call()).response.headers['x-request-id']));
  }
  const [smallFirst, smallEnd, largeFirst, largeEnd] = await Promise.all(
    requestIds.map((list) => resolveServerTimes(main, list)),
  );
  results.push(
    relative(
      `growth: ${SIZES.growthLarge} pets, last page vs first page`,
      'ms',
      largeEnd!,
      largeFirst!,
      2,
      '≤ 2× first page (median)',
      'median',
    ),
  );
  results.push(
    relative(
      `growth: ${SIZES.growthSmall} pets, last page vs first page`,
      'ms',
      smallEnd!,
      smallFirst!,
      2,
      '≤ 2× first page (median)',
      'median',
    ),
  );
  results.push(
    report(
      `growth: ${SIZES.growthLarge} pets vs ${SIZES.growthSmall} pets, first page`,
      'ms',
      largeFirst!,
      median(smallFirst!),
      'reported (limit: median of the small user)',
    ),
  );
}

async function measureTableGrowth(ids: Record<ActionName, string>): Promise<void> {
  // Two servers of the same build on two databases, called alternately: the table size is the
  // only difference between the two series.
  const smallInstance = await startInstance('table-small');
  const largeInstance = await startInstance('table-large');
  const small = await register(smallInstance, ids, 'table-small');
  const large = await register(largeInstance, ids, 'table-large');
  for (const [instance, account, total] of [
    [smallInstance, small, SIZES.tableSmall],
    [largeInstance, large, SIZES.tableLarge],
  ] as const) {
    log(`seeding ${total} rows for the table growth measure`);
    await seedOthers(instance, Math.max(10, Math.round(total / 100)), total - 100);
    await seedMine(instance, account.userId, 100, null);
    await withAdmin(instance, (client) => client.query('vacuum analyze pets'));
  }
  const calls = [
    () => small.client.action(ids.getPets, [{ limit: 20 }], { path: '/pets' }),
    () => large.client.action(ids.getPets, [{ limit: 20 }], { path: '/pets' }),
  ];
  for (let index = 0; index < SIZES.warmup; index++) for (const call of calls) await call();
  const smallIds: string[] = [];
  const largeIds: string[] = [];
  for (let index = 0; index < SIZES.iterations; index++) {
    smallIds.push(String((await calls[0]!()).response.headers['x-request-id']));
    largeIds.push(String((await calls[1]!()).response.headers['x-request-id']));
  }
  const smallTimes = await resolveServerTimes(smallInstance, smallIds);
  const largeTimes = await resolveServerTimes(largeInstance, largeIds);
  results.push(
    relative(
      `growth: getPets with ${SIZES.tableLarge.toLocaleString('en')} rows vs ${SIZES.tableSmall.toLocaleString('en')} rows`,
      'ms',
      largeTimes,
      smallTimes,
      1.5,
      '≤ 1.5× (median)',
      'median',
    ),
  );
  await stopInstance(smallInstance);
  await stopInstance(largeInstance);
}

export async function measureWeight(instance: Instance, me: Account): Promise<void> {
  const headers = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
  const html = await me.client.request('/pets', { headers });
  const encoding = String(html.headers['content-encoding'] ?? '');
  const decoded = (
    encoding === 'gzip'
      ? gunzipSync(html.body)
      : encoding === 'br'
        ? brotliDecompressSync(html.body)
        : encoding === 'deflate'
          ? inflateSync(html.body)
          : html.body
  ).toString('utf8');
  const images = [
    ...new Set([...decoded.matchAll(/<img[^>]+src="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'))),
  ];
  // The wire size: what the server sent (compressed if it compressed), plus each thumbnail.
  let bytes = html.body.length;
  const htmlKb = Math.round(html.body.length / 102.4) / 10;
  for (const src of images) {
    const response = await me.client.request(src, { headers });
    if (response.status !== 200) throw new Error(`thumbnail ${src}: ${response.status}`);
    bytes += response.body.length;
  }
  const mb = Math.round((bytes / 1024 / 1024) * 1000) / 1000;
  log(
    `/pets first screen: HTML ${htmlKb} KB (${html.headers['content-encoding'] ?? 'uncompressed'}) + ${images.length} thumbnails`,
  );
  results.push({
    name: `/pets with ${SIZES.mine} photo pets: HTML + ${images.length} thumbnails`,
    unit: 'MB',
    median: mb,
    p95: mb,
    limit: 1.5,
    ratio: Math.round((mb / 1.5) * 100) / 100,
    target: '≤ 1.5 MB',
    met: mb <= 1.5,
  });
}

// ── The run ──

/** Runs one group of measures; a group that fails is reported as a failed row and the run goes on. */
async function group(name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name} FAILED: ${message}`);
    results.push({
      name: `${name}: failed (${message.slice(0, 120)})`,
      unit: '—',
      median: Number.NaN,
      p95: Number.NaN,
      limit: Number.NaN,
      ratio: Number.NaN,
      target: 'completes',
      met: false,
    });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  log(
    `${SMOKE ? 'smoke' : 'full'} run on ${PGLITE ? 'PGlite' : 'PostgreSQL'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  const main = await startInstance('main');
  const ids = actionIds();
  const me = await register(main, ids, 'me');
  if (!PGLITE) {
    log(`seeding ${SIZES.others} pets of ${SIZES.otherUsers} other users, and ${SIZES.mine} photo pets of mine`);
    await seedOthers(main, SIZES.otherUsers, SIZES.others);
    await seedMine(main, me.userId, SIZES.mine, await thumbnails(10));
  } else {
    // PGlite is locked by the server: seed through the create action instead (no growth sizes).
    log(`seeding ${SIZES.mine} pets of mine through createPet (PGlite)`);
    for (let index = 0; index < SIZES.mine; index++)
      expectRedirect(
        await me.client.action(ids.createPet, [null, petForm({ name: `Mine ${index}` })], { path: '/pets/new' }),
        'seed createPet',
      );
  }
  const list = await me.client.action(ids.getPets, [{ limit: 1 }], { path: '/pets' });
  const firstPet =
    (list.outcome.kind === 'returned' ? (list.outcome.value as { pets: { id: string }[] }).pets[0]?.id : undefined) ??
    '';

  if (want('getpets') && !PGLITE) {
    log('getPets vs the raw query');
    await group('getPets', () => measureGetPets(main, ids, me));
  }
  if (want('crud')) {
    log('getPet, createPet, updatePet, deletePet, login');
    await group('crud', () => measureCrud(main, ids, me, firstPet));
  }
  if (want('weight') && !PGLITE) {
    log('page weight');
    await group('page weight', () => measureWeight(main, me));
  }
  if (want('page') && !PGLITE) {
    log(`/pets against the anchor under ${SIZES.connections} connections, and first-load JS`);
    await group('/pets vs the anchor', async () => {
      const withoutPhotos = await register(main, ids, 'no-photos');
      await seedMine(main, withoutPhotos.userId, 20, null);
      results.push(...(await measureAgainstAnchor(main, { me, withoutPhotos }, SIZES, log)));
    });
  }
  if (want('upload')) {
    log('photo upload');
    await group('upload', () => measureUpload(main, ids, me));
  }
  if (want('growth') && !PGLITE) {
    log(`growth: ${SIZES.growthSmall} → ${SIZES.growthLarge} pets of one user`);
    const small = await register(main, ids, 'growth-small');
    const large = await register(main, ids, 'growth-large');
    await seedMine(main, small.userId, SIZES.growthSmall, null);
    await seedMine(main, large.userId, SIZES.growthLarge, null);
    await group('growth (pets per user)', () => measureGrowth(main, ids, small, large));
    await stopInstance(main);
    log(`growth: ${SIZES.tableSmall} → ${SIZES.tableLarge} rows in the table`);
    await group('growth (rows in the table)', () => measureTableGrowth(ids));
  }

  const table = printTable(results);
  console.log(`\n${table}\n`);
  const missed = results.filter((result) => result.met === false);
  log(
    `${results.length} measures, ${missed.length} targets not met${missed.length ? `: ${missed.map((result) => result.name).join('; ')}` : ''}; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${path.relative(cwd, OUT)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    })
    .finally(async () => {
      await cleanup();
    });
}
