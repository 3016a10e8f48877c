// The load run of issue 6 (SC-006, FR-019): N simulated users, each with an account of its own,
// use the production build at once for a fixed time with a realistic mix — the list with other
// pages and sorts, a pet's page, create, edit and delete, some with a photo uploaded through the
// signed URL. Each user's client keeps what it believes it created, edited and deleted; at the end
// the database must hold exactly that (no lost or duplicated write), every photo a row points at
// must exist, and the server must have answered every request without a server error.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import sharp from 'sharp';
import { PHOTO_REFRESH_MS } from '../../src/lib/photo-status';
import { registerOverHttp } from '../support/accounts';
import { appActionIds, type AppActionIds } from '../support/action-ids';
import { serverErrorLines, startAppInstance, type AppInstance, type Backend } from '../support/app-instance';
import { HttpClient, type ActionCall, type HttpResponse } from '../support/http';
import { PET_COLUMNS, referencedObjects, type PetRow } from '../support/pet-rows';

export type LoadOptions = {
  backend: Backend;
  users: number;
  seconds: number;
  /** Pause between one user's operations, picked uniformly in [min, max] ms (a person reading). */
  thinkMs: [number, number];
  /** Share of creates and edits that carry a photo. */
  photoShare: number;
  /** First, one user alone for this long: the latencies the full run is compared with. */
  baselineSeconds?: number;
  log?: (message: string) => void;
};

const OPERATIONS = [
  'list page',
  'pet page',
  'createPet',
  'photo upload (PUT)',
  'createPet + photo',
  'updatePet',
  'updatePet + photo',
  'deletePet',
  'photo ready after save',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export type LoadReport = {
  backend: Backend;
  users: number;
  seconds: number;
  latencies: Map<Operation, number[]>;
  /** The same mix by one user alone (with baselineSeconds). */
  baseline: Map<Operation, number[]>;
  /** Requests the server failed: 5xx, a reset connection, an action error, an unexpected answer. */
  errors: string[];
  /** Where the database or the storage differs from what the clients believe. */
  mismatches: string[];
  /** Error-level lines in the server's log. */
  serverErrors: string[];
  writes: { created: number; updated: number; deleted: number; photos: number };
  petsAtEnd: number;
  /** The process-photo jobs of the run, from the queue's own rows: where a photo's wait went. */
  photoJobs: { waitMs: number[]; runMs: number[] };
};

type Ids = AppActionIds;

/** What one user's client believes about one of its pets. */
type KnownPet = {
  id: string;
  name: string;
  category: string;
  birthday: string;
  gender: string;
  version: number;
  hasPhoto: boolean;
};

const CATEGORIES = ['Dog', 'Cat', 'Bird', 'Rabbit', 'Fish'];
const GENDERS = ['male', 'female', 'other', 'prefer-not-to-say'];
const SORTS = [
  { sortBy: 'created', order: 'desc' },
  { sortBy: 'created', order: 'asc' },
  { sortBy: 'name', order: 'asc' },
  { sortBy: 'name', order: 'desc' },
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function randomBirthday(): string {
  const day = new Date(Date.UTC(2008, 0, 1) + Math.floor(Math.random() * 6000) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** A photo-like JPEG the size a browser sends after shrinking (noise, so it compresses like a photo). */
async function samplePhoto(): Promise<Buffer> {
  const raw = Buffer.alloc(200 * 150 * 3);
  for (let index = 0; index < raw.length; index++) raw[index] = Math.floor(Math.random() * 256);
  return sharp(raw, { raw: { width: 200, height: 150, channels: 3 } })
    .resize(1600, 1200, { kernel: 'cubic' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

class SimulatedUser {
  readonly client: HttpClient;
  readonly pets = new Map<string, KnownPet>();
  email = '';
  userId = '';
  private counter = 0;

  constructor(
    readonly index: number,
    readonly instance: AppInstance,
    readonly ids: Ids,
    readonly photo: Buffer,
    readonly options: LoadOptions,
    readonly report: LoadReport,
  ) {
    this.client = new HttpClient(instance.port);
    this.latencies = report.latencies;
  }

  /** Where this user's latencies go (the baseline while it runs alone). */
  latencies: Map<Operation, number[]>;

  /** Photos saved and not yet seen ready: each watched in the background, as the pet's page does. */
  readonly photoWatches = new Set<Promise<void>>();

  /**
   * Polls getPet after a save with a photo until the photo is ready (ADR 0016: the display image
   * and thumbnail are made by the process-photo job), and records how long after the save's answer.
   * At the pace of the app's own page (PHOTO_REFRESH_MS): polling faster measures the polls, not
   * the photos (at 250 ms, 50 users' polls alone saturated the server). A pet deleted or given
   * another photo meanwhile ends the watch.
   */
  private watchPhoto(petId: string, savedAt: number): void {
    const latencies = this.latencies;
    const watch = (async () => {
      for (let polls = 0; polls * PHOTO_REFRESH_MS < 150_000; polls++) {
        await sleep(PHOTO_REFRESH_MS);
        const call = await this.client.action(this.ids.getPet, [{ id: petId }], { path: `/pets/${petId}` });
        const value =
          call.outcome.kind === 'returned'
            ? (call.outcome.value as { success: boolean; pet?: { photoStatus: string | null } })
            : null;
        if (!value?.success) return; // deleted meanwhile
        const status = value.pet?.photoStatus;
        if (status === 'ready') {
          const list = latencies.get('photo ready after save') ?? [];
          list.push(performance.now() - savedAt);
          latencies.set('photo ready after save', list);
          return;
        }
        if (status !== 'processing') return this.fail('photo processing', `pet ${petId} photo is ${status}`);
      }
      this.fail('photo processing', `pet ${petId} photo not ready after 150 s`);
    })();
    this.photoWatches.add(watch);
    void watch.finally(() => this.photoWatches.delete(watch));
  }

  /** Waits for every photo still being watched. */
  async photosSettled(): Promise<void> {
    while (this.photoWatches.size > 0) await Promise.all([...this.photoWatches]);
  }

  private record(operation: Operation, ms: number): void {
    const list = this.latencies.get(operation) ?? [];
    list.push(ms);
    this.latencies.set(operation, list);
  }

  private fail(what: string, detail: string): void {
    this.report.errors.push(`user ${this.index}, ${what}: ${detail.slice(0, 300)}`);
  }

  /** The location of an action's redirect, or null (recorded as an error) for anything else. */
  private redirectOf(call: ActionCall, what: string): string | null {
    if (call.outcome.kind === 'redirected') return call.outcome.location;
    this.fail(what, `${call.response.status} ${JSON.stringify(call.outcome)}`);
    return null;
  }

  async register(): Promise<void> {
    const account = await registerOverHttp(this.client, this.ids, `load-${this.index}`);
    this.email = account.email;
    this.userId = account.userId;
  }

  private petFields(): Omit<KnownPet, 'id' | 'version' | 'hasPhoto'> {
    this.counter++;
    return {
      name: `Load ${this.index}-${this.counter} ${randomUUID().slice(0, 6)}`,
      category: pick(CATEGORIES),
      birthday: randomBirthday(),
      gender: pick(GENDERS),
    };
  }

  private form(fields: Record<string, string>): FormData {
    const form = new FormData();
    for (const [name, value] of Object.entries({ timezone: 'UTC', ...fields })) form.append(name, value);
    return form;
  }

  /** generateImageUploadUrl + PUT to the signed URL: the storagePath to submit, or null. */
  private async upload(): Promise<string | null> {
    const started = performance.now();
    const call = await this.client.action(
      this.ids.generateImageUploadUrl,
      [{ filename: 'photo.jpg', fileType: 'image/jpeg', fileSize: this.photo.length }],
      { path: '/pets/new' },
    );
    const value =
      call.outcome.kind === 'returned'
        ? (call.outcome.value as {
            success: boolean;
            uploadUrl?: string;
            storagePath?: string;
            headers?: Record<string, string>;
          })
        : null;
    if (!value?.success || !value.uploadUrl || !value.storagePath) {
      this.fail('generateImageUploadUrl', `${call.response.status} ${JSON.stringify(call.outcome)}`);
      return null;
    }
    const url = new URL(value.uploadUrl, this.client.origin);
    const put = await this.client.request(`${url.pathname}${url.search}`, {
      method: 'PUT',
      body: this.photo,
      headers: { 'content-type': 'image/jpeg', ...value.headers },
    });
    if (put.status !== 200) {
      this.fail('upload PUT', `${put.status} ${put.text}`);
      return null;
    }
    this.record('photo upload (PUT)', performance.now() - started);
    return value.storagePath;
  }

  private page(what: Operation, response: HttpResponse, mustContain: string): void {
    if (response.status !== 200) this.fail(what, `${response.status} ${response.text.slice(0, 200)}`);
    else if (!response.text.includes(mustContain))
      this.fail(what, `the page does not show ${JSON.stringify(mustContain)}`);
    else this.record(what, response.ms);
  }

  async listPage(): Promise<void> {
    const sort = pick(SORTS);
    const limit = pick([10, 20, 50]);
    const pages = Math.max(1, Math.ceil(this.pets.size / limit));
    const query = new URLSearchParams({
      page: String(Math.floor(Math.random() * pages)),
      limit: String(limit),
      ...sort,
    });
    // The signed-in header shows the account's email: proof the list rendered for this user.
    this.page(
      'list page',
      await this.client.request(`/pets?${query}`, { headers: { accept: 'text/html' } }),
      this.email,
    );
  }

  async petPage(pet: KnownPet): Promise<void> {
    this.page('pet page', await this.client.request(`/pets/${pet.id}`, { headers: { accept: 'text/html' } }), pet.name);
  }

  async create(withPhoto: boolean): Promise<void> {
    const storagePath = withPhoto ? await this.upload() : null;
    if (withPhoto && !storagePath) return;
    const fields = this.petFields();
    const started = performance.now();
    const call = await this.client.action(
      this.ids.createPet,
      [null, this.form({ ...fields, submissionId: randomUUID(), ...(storagePath ? { storagePath } : {}) })],
      { path: '/pets/new' },
    );
    const location = this.redirectOf(call, 'createPet');
    const id = location ? new URL(location, 'http://x').searchParams.get('created') : null;
    if (location && !id) this.fail('createPet', `redirected to ${location}`);
    if (!id) return;
    this.record(withPhoto ? 'createPet + photo' : 'createPet', performance.now() - started);
    if (withPhoto) this.watchPhoto(id, performance.now());
    this.pets.set(id, { id, ...fields, version: 1, hasPhoto: withPhoto });
    this.report.writes.created++;
    if (withPhoto) this.report.writes.photos++;
  }

  async update(pet: KnownPet, withPhoto: boolean): Promise<void> {
    const storagePath = withPhoto ? await this.upload() : null;
    if (withPhoto && !storagePath) return;
    const fields = { ...this.petFields(), category: pet.category };
    const started = performance.now();
    const call = await this.client.action(
      this.ids.updatePet,
      [
        null,
        this.form({ id: pet.id, version: String(pet.version), ...fields, ...(storagePath ? { storagePath } : {}) }),
      ],
      { path: `/pets/${pet.id}/edit` },
    );
    if (!this.redirectOf(call, 'updatePet')) return;
    this.record(withPhoto ? 'updatePet + photo' : 'updatePet', performance.now() - started);
    if (withPhoto) this.watchPhoto(pet.id, performance.now());
    this.pets.set(pet.id, { ...pet, ...fields, version: pet.version + 1, hasPhoto: pet.hasPhoto || withPhoto });
    this.report.writes.updated++;
    if (withPhoto) this.report.writes.photos++;
  }

  async remove(pet: KnownPet): Promise<void> {
    const started = performance.now();
    const call = await this.client.action(this.ids.deletePet, [null, this.form({ id: pet.id })], {
      path: `/pets/${pet.id}`,
    });
    if (!this.redirectOf(call, 'deletePet')) return;
    this.record('deletePet', performance.now() - started);
    this.pets.delete(pet.id);
    this.report.writes.deleted++;
  }

  /** One step of a person's visit: mostly reading, sometimes writing. */
  async step(): Promise<void> {
    const known = [...this.pets.values()];
    const photo = Math.random() < this.options.photoShare;
    const roll = Math.random();
    if (known.length === 0 || roll < 0.15) return this.create(photo);
    const pet = pick(known);
    if (roll < 0.45) return this.listPage();
    if (roll < 0.7) return this.petPage(pet);
    if (roll < 0.9) return this.update(pet, photo);
    // Keep a few pets around so the lists have pages to turn.
    if (known.length > 3) return this.remove(pet);
    return this.create(photo);
  }

  async run(deadline: number): Promise<void> {
    const [min, max] = this.options.thinkMs;
    while (Date.now() < deadline) {
      try {
        await this.step();
      } catch (error) {
        this.fail('request', error instanceof Error ? error.message : String(error));
      }
      await sleep(min + Math.random() * (max - min));
    }
  }
}

const ROWS_SQL = `select ${PET_COLUMNS} from pets where user_id = any($1::uuid[])`;
// Each photo job's wait in the queue (sent → claimed) and its run (claimed → done), in ms.
const PHOTO_JOBS_SQL = `select extract(epoch from started_on - created_on) * 1000 as wait_ms,
  extract(epoch from completed_on - started_on) * 1000 as run_ms
  from pgboss.job where name = 'process-photo' and state = 'completed' and data->>'userId' = any($1::text[])`;

type PhotoJobRow = { wait_ms: string | number; run_ms: string | number };

/** The users' pet rows and photo jobs, read as the database's owner once the run is over. */
async function storedRows(
  instance: AppInstance,
  userIds: string[],
): Promise<{ pets: PetRow[]; photoJobs: PhotoJobRow[] }> {
  if (instance.databaseUrl) {
    const client = new pg.Client({ connectionString: instance.databaseUrl });
    await client.connect();
    try {
      return {
        pets: (await client.query<PetRow>(ROWS_SQL, [userIds])).rows,
        photoJobs: (await client.query<PhotoJobRow>(PHOTO_JOBS_SQL, [userIds])).rows,
      };
    } finally {
      await client.end();
    }
  }
  // PGlite: the server has been stopped (and has flushed); open its data directory as it left it.
  const embedded = new PGlite(path.join(instance.dataDir, 'pglite'));
  try {
    return {
      pets: (await embedded.query<PetRow>(ROWS_SQL, [userIds])).rows,
      photoJobs: (await embedded.query<PhotoJobRow>(PHOTO_JOBS_SQL, [userIds])).rows,
    };
  } finally {
    await embedded.close();
  }
}

/** The user's photo objects, used uploads' empty tombstones aside (the sweep removes those). */
function storedObjects(instance: AppInstance, userId: string): Set<string> {
  const folder = path.join(instance.dataDir, 'storage', 'pet-images', userId, 'pets');
  if (!existsSync(folder)) return new Set();
  return new Set(
    readdirSync(folder)
      .filter((name) => !name.startsWith('.') && statSync(path.join(folder, name)).size > 0)
      .map((name) => `${userId}/pets/${name}`),
  );
}

/** The database and the storage against what each client believes. */
async function verify(instance: AppInstance, users: SimulatedUser[], report: LoadReport): Promise<void> {
  const { pets: rows, photoJobs } = await storedRows(
    instance,
    users.map((user) => user.userId),
  );
  report.petsAtEnd = rows.length;
  report.photoJobs = {
    waitMs: photoJobs.map((job) => Number(job.wait_ms)),
    runMs: photoJobs.map((job) => Number(job.run_ms)),
  };
  for (const user of users) {
    const { userId } = user;
    const mine = rows.filter((row) => row.user_id === userId);
    const stored = new Map(mine.map((row) => [row.id, row]));
    if (mine.length !== user.pets.size)
      report.mismatches.push(`user ${user.index}: ${mine.length} pets stored, the client made ${user.pets.size}`);
    for (const pet of user.pets.values()) {
      const row = stored.get(pet.id);
      if (!row) {
        report.mismatches.push(`user ${user.index}: pet ${pet.id} (${pet.name}) is missing`);
        continue;
      }
      const expected = {
        name: pet.name,
        category: pet.category,
        birthday: pet.birthday,
        gender: pet.gender,
        version: pet.version,
        photo: pet.hasPhoto,
      };
      const actual = {
        name: row.name,
        category: row.category,
        birthday: row.birthday,
        gender: row.gender,
        version: Number(row.version),
        photo: row.image_path !== null,
      };
      if (JSON.stringify(expected) !== JSON.stringify(actual))
        report.mismatches.push(
          `user ${user.index}: pet ${pet.id} is ${JSON.stringify(actual)}, the client saved ${JSON.stringify(expected)}`,
        );
    }
    for (const row of mine)
      if (!user.pets.has(row.id))
        report.mismatches.push(
          `user ${user.index}: pet ${row.id} (${row.name}) is stored but the client never made it or deleted it`,
        );
    // Every photo a row points at exists (display + thumbnail); no object is left that none points at.
    const objects = storedObjects(instance, userId);
    const referenced = new Set(referencedObjects(mine));
    for (const key of referenced)
      if (!objects.has(key)) report.mismatches.push(`user ${user.index}: ${key} is missing from storage`);
    for (const key of objects)
      if (!referenced.has(key))
        report.mismatches.push(`user ${user.index}: ${key} is in storage but no pet points at it`);
  }
}

/** Starts the app, runs the users, stops the app, checks everything; the app is always disposed. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const report: LoadReport = {
    backend: options.backend,
    users: options.users,
    seconds: options.seconds,
    latencies: new Map(),
    baseline: new Map(),
    errors: [],
    mismatches: [],
    serverErrors: [],
    writes: { created: 0, updated: 0, deleted: 0, photos: 0 },
    petsAtEnd: 0,
    photoJobs: { waitMs: [], runMs: [] },
  };
  const instance = await startAppInstance({ backend: options.backend, label: `load-${options.backend}` });
  try {
    const ids = appActionIds();
    const photo = await samplePhoto();
    const users = Array.from(
      { length: options.users },
      (_, index) => new SimulatedUser(index, instance, ids, photo, options, report),
    );
    log(`${options.backend}: registering ${users.length} accounts`);
    for (const user of users) await user.register();
    if (options.baselineSeconds) {
      log(`${options.backend}: one user alone for ${options.baselineSeconds} s (the baseline)`);
      users[0]!.latencies = report.baseline;
      await users[0]!.run(Date.now() + options.baselineSeconds * 1000);
      users[0]!.latencies = report.latencies;
    }
    log(`${options.backend}: ${users.length} users for ${options.seconds} s`);
    const deadline = Date.now() + options.seconds * 1000;
    // Start staggered over the first second, as people arrive.
    await Promise.all(
      users.map(async (user) => {
        await sleep(Math.random() * 1000);
        await user.run(deadline);
      }),
    );
    // Photos saved near the end are still being processed: the checks need them done.
    log(`${options.backend}: waiting for the photos still being processed`);
    await Promise.all(users.map((user) => user.photosSettled()));
    // PGlite is checked after a graceful stop: what a restart would find.
    if (options.backend === 'pglite') await instance.server.stop();
    log(`${options.backend}: checking the database and the storage against the clients`);
    await verify(instance, users, report);
    report.serverErrors = serverErrorLines(instance.logFile);
    return report;
  } finally {
    await instance.dispose();
  }
}

const quantile = (values: number[], q: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};

/**
 * Issue 12's targets for the full run (50 users on PostgreSQL): saves with a photo p95 ≤ 3 s, every
 * other action p95 ≤ 1 s, the photo ready p95 ≤ 10 s after the save. What each missed, or nothing.
 */
export function targetMisses(report: LoadReport): string[] {
  const limits: Record<Operation, number> = {
    'list page': 1000,
    'pet page': 1000,
    createPet: 1000,
    'photo upload (PUT)': 1000,
    'createPet + photo': 3000,
    updatePet: 1000,
    'updatePet + photo': 3000,
    deletePet: 1000,
    'photo ready after save': 10_000,
  };
  return OPERATIONS.flatMap((operation) => {
    const values = report.latencies.get(operation);
    if (!values?.length) return [`${operation}: no measurement`];
    const p95 = quantile(values, 0.95);
    return p95 > limits[operation] ? [`${operation}: p95 ${p95.toFixed(0)} ms > ${limits[operation]} ms`] : [];
  });
}

/** One table: operation, count, p50, p95, p99, max (ms), then the totals and the checks. */
export function formatReport(report: LoadReport): string {
  const withBaseline = report.baseline.size > 0;
  const rows = OPERATIONS.filter((operation) => report.latencies.has(operation)).map((operation) => {
    const values = report.latencies.get(operation)!;
    const alone = report.baseline.get(operation);
    const ratio = alone?.length ? `${(quantile(values, 0.95) / quantile(alone, 0.95)).toFixed(2)}×` : '—';
    return [
      operation,
      String(values.length),
      ...[0.5, 0.95, 0.99, 1].map((q) => quantile(values, q).toFixed(1)),
      ...(withBaseline ? [ratio] : []),
    ];
  });
  const header = [
    'operation',
    'count',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    ...(withBaseline ? ['p95 vs 1 user'] : []),
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const operations = rows.reduce((sum, row) => sum + Number(row[1]), 0);
  const seconds = (values: number[], q: number) => (quantile(values, q) / 1000).toFixed(1);
  const { waitMs, runMs } = report.photoJobs;
  return [
    `load on ${report.backend}: ${report.users} users, ${report.seconds} s, ${operations} operations (${(operations / report.seconds).toFixed(1)}/s)`,
    line(header),
    `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    `process-photo jobs: ${waitMs.length}; waiting in the queue p50 ${seconds(waitMs, 0.5)} s, p95 ${seconds(waitMs, 0.95)} s; running p50 ${seconds(runMs, 0.5)} s, p95 ${seconds(runMs, 0.95)} s`,
    `writes acknowledged: ${report.writes.created} created, ${report.writes.updated} edited, ${report.writes.deleted} deleted, ${report.writes.photos} photos; ${report.petsAtEnd} pets at the end`,
    `server errors: ${report.errors.length} failed requests, ${report.serverErrors.length} error lines in the server log`,
    `database and storage vs the clients: ${report.mismatches.length} differences`,
    ...report.errors.slice(0, 10).map((error) => `  FAILED  ${error}`),
    ...report.serverErrors.slice(0, 5).map((error) => `  LOG     ${error.slice(0, 300)}`),
    ...report.mismatches.slice(0, 10).map((mismatch) => `  DIFFERS ${mismatch}`),
  ].join('\n');
}
