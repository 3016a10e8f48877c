// What every fault test needs beyond tests/support (databases, accounts, uploads): the production
// build's action ids, a temp DATA_DIR, the server started over it (or behind a TCP proxy the test
// controls), pet actions over HTTP, and the outcome read straight from the database (as
// superuser) and the storage directory.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { appActionIds, type AppActionIds } from '../../support/action-ids';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { HttpClient, type ActionCall } from '../../support/http';
import { objectsRowsNeed, PET_COLUMNS, settledRows, type PetRow } from '../../support/pet-rows';
import { freePort, startServer, type RunningServer } from '../../support/server';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export const ROOT = process.cwd();

export const MESSAGES = {
  createFailed: 'Failed to create pet. Please try again.',
  updateFailed: 'Failed to update pet. Please try again.',
  deleteFailed: 'Failed to delete pet. Please try again.',
  uploadFailed: 'Failed to upload image. Please try again.',
} as const;

export type ActionIds = AppActionIds;

/** The Server Action ids of the production build (read after the build exists). */
export function actionIds(): ActionIds {
  return appActionIds(ROOT);
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `pawprint-faults-${label}-`));
}

export type App = RunningServer & { client: () => HttpClient; dataDir: string; logText: () => string };

/**
 * The production server on a free port over `dataDir` (and `databaseUrl`, or PGlite when it is
 * null). Built by the global setup; scripts/start.ts rebuilds only if sources are newer.
 */
export async function launch(options: {
  dataDir: string;
  databaseUrl: string | null;
  env?: Record<string, string>;
  port?: number;
  secret?: string;
}): Promise<App> {
  const port = options.port ?? (await freePort());
  const logFile = path.join(options.dataDir, `server-${port}-${Date.now()}.log`);
  const env: Record<string, string> = {
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
    STORAGE_DRIVER: 'local',
    RATE_LIMIT_REGISTER_PER_ADDRESS: '1000',
    ...(options.databaseUrl
      ? {
          DATABASE_URL: options.databaseUrl,
          BETTER_AUTH_SECRET: options.secret ?? 'faults-secret-'.padEnd(48, 'x'),
          APP_URL: `http://localhost:${port}`,
        }
      : {}),
    ...options.env,
  };
  const server = await startServer({ cwd: ROOT, port, env, logFile, readyTimeoutMs: 180_000 });
  return {
    ...server,
    dataDir: options.dataDir,
    client: () => new HttpClient(port),
    logText: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
}

/** Waits (a few seconds at most) for a line matching `pattern` in the server's log: stdout reaches the file asynchronously. */
export async function waitForLog(app: App, pattern: RegExp, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(app.logText()) && Date.now() < deadline) await sleep(100);
  expect(app.logText()).toMatch(pattern);
}

/** Waits for the server's process to exit; its exit code (signal kills give null). */
export function exitOf(server: RunningServer): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** SIGKILL to the server's whole process group (a crash, an OOM kill, a pulled plug). */
export async function killHard(server: RunningServer): Promise<void> {
  const exited = exitOf(server);
  try {
    process.kill(-server.process.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await exited;
}

export type PetFields = { name: string; category: string; birthday: string; gender: string };

export function newPetFields(label = 'Pet'): PetFields {
  return {
    name: `${label}-${randomBytes(4).toString('hex')}`,
    category: 'Cat',
    birthday: '2020-05-17',
    gender: 'female',
  };
}

export function petForm(fields: Record<string, string | undefined>): FormData {
  const form = new FormData();
  form.append('timezone', 'UTC');
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  return form;
}

export function createPet(
  client: HttpClient,
  ids: ActionIds,
  fields: PetFields,
  extra: { storagePath?: string; submissionId?: string } = {},
): Promise<ActionCall> {
  return client.action(ids.createPet, [null, petForm({ ...fields, ...extra })], { path: '/pets/new' });
}

export function updatePet(
  client: HttpClient,
  ids: ActionIds,
  id: string,
  fields: Partial<PetFields> & { version?: string; storagePath?: string },
): Promise<ActionCall> {
  return client.action(ids.updatePet, [null, petForm({ id, ...fields })], { path: `/pets/${id}/edit` });
}

export function deletePet(client: HttpClient, ids: ActionIds, id: string): Promise<ActionCall> {
  return client.action(ids.deletePet, [null, petForm({ id })], { path: `/pets/${id}` });
}

/** The new pet's id from createPet's redirect (`/pets?created=<id>`), or null. */
export function createdId(call: ActionCall): string | null {
  if (call.outcome.kind !== 'redirected') return null;
  return new URL(call.outcome.location, 'http://x').searchParams.get('created');
}

/** Signs of internals that must never reach a user: stack frames, driver and system errors, paths, SQL. */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /node_modules/,
  /\/(?:tmp|work|root|var)\//,
  /\bE(?:CONNRESET|CONNREFUSED|PIPE|NOSPC|TIMEDOUT)\b/,
  /Connection terminated/i,
  /\b(?:insert into|update "pets"|delete from)\b/i,
  /"stack"|digest/i,
  /postgres|pglite|drizzle|radosgw|S3ServiceException|sharp/i,
];

export function expectNoInternals(text: string): void {
  for (const pattern of INTERNALS) expect(text, `response shows internals (${pattern})`).not.toMatch(pattern);
}

/** The action answered (HTTP 200, a returned value) with exactly this form-level message. */
export function expectFailureMessage(call: ActionCall, message: string): void {
  expect(call.outcome, JSON.stringify(call.outcome)).toMatchObject({
    kind: 'returned',
    value: { success: false, message },
  });
  expect(call.response.status).toBe(200);
  expectNoInternals(call.response.text);
}

/**
 * Every file under DATA_DIR/storage: objects; tombstones (empty objects: a used upload, which
 * the process-photo job empties so its signed URL cannot store it again, src/data/images.ts
 * consumeUpload; the sweep removes them); debris (dot-files: temp uploads, metadata without its object).
 */
export function storageFiles(dataDir: string): { objects: string[]; tombstones: string[]; debris: string[] } {
  const root = path.join(dataDir, 'storage', 'pet-images');
  const objects: string[] = [];
  const tombstones: string[] = [];
  const debris: string[] = [];
  const walk = (directory: string, prefix: string) => {
    if (!existsSync(directory)) return;
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.name.startsWith('.') && entry.name.endsWith('.meta.json')) {
        // Metadata of an object: debris only when its object is gone.
        const object = path.join(directory, entry.name.slice(1, -'.meta.json'.length));
        if (!existsSync(object)) debris.push(`${prefix}${entry.name}`);
      } else if (entry.name.startsWith('.')) debris.push(`${prefix}${entry.name}`);
      else if (statSync(full).size === 0) tombstones.push(`${prefix}${entry.name}`);
      else objects.push(`${prefix}${entry.name}`);
    }
  };
  walk(root, '');
  return { objects: objects.sort(), tombstones: tombstones.sort(), debris: debris.sort() };
}

export function uniqueId(): string {
  return randomUUID();
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One user's pets as stored, read as the superuser. */
export function petsOf(database: TestDatabase, userId: string): Promise<PetRow[]> {
  return database.query<PetRow>(`select ${PET_COLUMNS} from pets where user_id = $1 order by created_at`, [userId]);
}

/**
 * Storage holds exactly the objects `rows` need (a ready photo's two images, a pending photo's
 * original) plus `others` (uploads not used yet…), and no temp debris. Tombstones of used uploads
 * are not objects: they hold nothing and the sweep removes them.
 *
 * Waits a few seconds for storage to match: a photo job removes the original only after its row
 * says "ready" (the row must never point at a missing original), so a settled row can briefly sit
 * beside an original still being consumed. An object that really leaked stays, and fails this.
 */
export async function expectStorageHolds(
  dataDir: string,
  rows: Pick<PetRow, 'image_path' | 'photo_original_key'>[],
  others: string[],
): Promise<void> {
  const expected = [...objectsRowsNeed(rows), ...others].sort();
  await vi.waitFor(
    () => {
      const { objects, debris } = storageFiles(dataDir);
      expect(debris).toEqual([]);
      expect(objects).toEqual(expected);
    },
    { timeout: 5_000, interval: 100 },
  );
}

/** One user's pets as stored, once no photo of theirs is still processing (the app's in-process job workers run it). */
export function settledPetsOf(database: TestDatabase, userId: string, timeoutMs?: number): Promise<PetRow[]> {
  return settledRows(() => petsOf(database, userId), timeoutMs);
}

/** One pet as stored once its photo is no longer processing. */
export async function settledPet(database: TestDatabase, id: string, timeoutMs?: number): Promise<PetRow> {
  const [row] = await settledRows(
    () => database.query<PetRow>(`select ${PET_COLUMNS} from pets where id = $1`, [id]),
    timeoutMs,
  );
  if (!row) throw new Error(`pet ${id} is not stored`);
  return row;
}

export type ProxiedApp = {
  database: TestDatabase;
  proxy: TcpProxy;
  app: App;
  dataDir: string;
  dispose: () => Promise<void>;
};

/** The server over a fresh PostgreSQL database that it reaches through a TCP proxy the test controls. */
export async function launchBehindProxy(label: string): Promise<ProxiedApp> {
  const database = await createTestDatabase('faults');
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxy.port);
  const dataDir = tempDir(label);
  const app = await launch({ dataDir, databaseUrl: viaProxy.toString() });
  return {
    database,
    proxy,
    app,
    dataDir,
    dispose: async () => {
      await app.stop();
      await proxy.close();
      await database.drop();
      removeDir(dataDir);
    },
  };
}
