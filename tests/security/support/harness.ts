// What every security test file shares: the context the global setup created (server, accounts,
// A's secrets), the ledger behind the summary table, the leak scan, and superuser views of the
// database and the storage directory to prove that nothing changed.
import { randomBytes } from 'node:crypto';
import { appendFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { HttpClient, type ActionOutcome, type HttpResponse } from '../../support/http';
import { settledRows, type PetRow } from '../../support/pet-rows';

export type Account = { email: string; password: string; userId: string; cookies: Record<string, string> };
export type OwnedPet = {
  id: string;
  name: string;
  imagePath: string | null;
  imageUrl: string | null;
  thumbnailUrl: string | null;
};

export type SecurityContext = {
  port: number;
  origin: string;
  cwd: string;
  databaseUrl: string;
  dataDir: string;
  resultsDir: string;
  actionIds: Record<string, string | null>;
  /** Every action of the build (`file#export` → id), including ones the contract does not name. */
  allActions: Record<string, string>;
  rateLimits: { perEmail: number; perAddress: number; windowSeconds: number; addressWindowSeconds: number };
  storageQuotaBytes: number;
  /** The server's auth secret: what a test needs to sign a link as the server would (never sent to it). */
  authSecret: string;
  a: Account & { pets: OwnedPet[]; pendingUpload: string };
  b: Account;
};

declare module 'vitest' {
  export interface ProvidedContext {
    security: SecurityContext;
  }
}

export function context(): SecurityContext {
  return inject('security');
}

/** A client carrying `account`'s session (or none), from the given loopback source address. */
export function clientFor(account: Account | null, localAddress = '127.0.0.1'): HttpClient {
  const { port } = context();
  const client = new HttpClient(port, localAddress);
  for (const [name, value] of Object.entries(account?.cookies ?? {})) client.jar.set(name, value);
  return client;
}

export function actionId(name: string): string {
  const id = context().actionIds[name];
  if (!id) throw new Error(`the build exposes no Server Action named ${name}`);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Leaks: anything of A's (names, ids, storage paths, signatures, user id, email, session token)
// in a response to someone else, unless the request itself carried it (an echo is no leak).

export function secretsOfA(): string[] {
  const { a } = context();
  const secrets = new Set<string>([
    a.userId,
    a.email,
    a.pendingUpload,
    ...Object.values(a.cookies).map((value) => value.split('.')[0]!),
  ]);
  for (const pet of a.pets) {
    secrets.add(pet.id);
    secrets.add(pet.name);
    for (const value of [pet.imagePath, pet.imagePath?.replace(/\.webp$/, '.thumb.webp')])
      if (value) secrets.add(value);
    for (const url of [pet.imageUrl, pet.thumbnailUrl]) {
      const sig = url ? new URL(url, 'http://x').searchParams.get('sig') : null;
      if (sig) secrets.add(sig);
    }
  }
  return [...secrets].filter((secret) => secret.length >= 8);
}

export function leaksIn(response: HttpResponse, secrets = secretsOfA()): string[] {
  const visible = `${response.text}\n${JSON.stringify(response.headers)}`;
  const sent = response.sent;
  const decodedSent = safeDecode(sent);
  return secrets.filter(
    (secret) => visible.includes(secret) && !sent.includes(secret) && !decodedSent.includes(secret),
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// The ledger: one JSON line per attempt; the global teardown turns it into the table.

export type LedgerLine = { attack: string; label: string; refused: boolean; leaks: string[]; informational?: boolean };

export class Ledger {
  constructor(readonly attack: string) {}

  /**
   * Records one attempt: `refused` says the app refused it as it should; every response given is
   * scanned for A's secrets. Soft assertions: one file reports every failing attempt at once.
   */
  attempt(
    label: string,
    refused: boolean,
    responses: HttpResponse | HttpResponse[] = [],
    options: { secrets?: string[]; informational?: boolean } = {},
  ): void {
    const list = Array.isArray(responses) ? responses : [responses];
    const leaks = [...new Set(list.flatMap((response) => leaksIn(response, options.secrets)))];
    const line: LedgerLine = { attack: this.attack, label, refused, leaks, informational: options.informational };
    appendFileSync(path.join(context().resultsDir, 'ledger.jsonl'), `${JSON.stringify(line)}\n`);
    expect.soft(leaks, `${this.attack} — ${label}: leaked A's data`).toEqual([]);
    if (!options.informational) expect.soft(refused, `${this.attack} — ${label}: not refused`).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------
// Superuser views: row-level security does not apply to them, so they see everything.

let pool: pg.Pool | undefined;

export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: context().databaseUrl, max: 2 });
  return pool;
}

export async function closeDbPool(): Promise<void> {
  await pool?.end();
  pool = undefined;
}

export async function petsSnapshot(): Promise<string> {
  const { rows } = await db().query('select * from pets order by id');
  return JSON.stringify(rows);
}

export async function petRows(userId: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await db().query('select * from pets where user_id = $1 order by created_at, id', [userId]);
  return rows;
}

/** Every file under `root` (path relative to it, size, mtime), dot-files included, in path order. */
export function filesUnder(root: string): Array<{ path: string; size: number; mtimeMs: number }> {
  const files: Array<{ path: string; size: number; mtimeMs: number }> = [];
  const walk = (directory: string) => {
    let entries: string[];
    try {
      entries = readdirSync(directory);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      const full = path.join(directory, entry);
      // Gone since the listing (the app may be removing files meanwhile): not there.
      const stats = statSync(full, { throwIfNoEntry: false });
      if (!stats) continue;
      if (stats.isDirectory()) walk(full);
      else files.push({ path: path.relative(root, full), size: stats.size, mtimeMs: stats.mtimeMs });
    }
  };
  walk(root);
  return files;
}

/** Every file under the storage root (relative path, size, mtime), dot-files included. */
export function storageSnapshot(): string {
  return filesUnder(path.join(context().dataDir, 'storage'))
    .map((file) => `${file.path} ${file.size} ${file.mtimeMs}`)
    .join('\n');
}

/** Everything in DATA_DIR outside the storage root and the app's own files: path traversal lands here. */
export function filesOutsideStorage(): string[] {
  const { dataDir } = context();
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory)) {
      const full = path.join(directory, entry);
      if (full === path.join(dataDir, 'storage')) continue;
      if (statSync(full).isDirectory()) walk(full);
      else found.push(path.relative(dataDir, full));
    }
  };
  walk(dataDir);
  return found;
}

/** A new account registered over HTTP from `address`, its client signed in. */
export async function newAccount(
  label: string,
  address: string,
): Promise<{ client: HttpClient; email: string; password: string; userId: string }> {
  const client = clientFor(null, address);
  const email = `${label}-${randomBytes(4).toString('hex')}@security.example`;
  const password = `pw-${randomBytes(10).toString('hex')}`;
  const { outcome } = await client.form(actionId('register'), { email, password }, { path: '/register' });
  expect(outcome.kind, `registering ${label}`).toBe('redirected');
  const me = await client.action(actionId('getCurrentUser'), [], { path: '/pets' });
  const user = me.outcome.kind === 'returned' ? (me.outcome.value as { id: string } | null) : null;
  if (!user) throw new Error(`no session after registering ${label}`);
  return { client, email, password, userId: user.id };
}

/** The `message` of an action's returned value ('' when it redirected or failed otherwise). */
export function messageOf(call: { outcome: { kind: string; value?: unknown } }): string {
  return call.outcome.kind === 'returned' ? ((call.outcome.value as { message?: string })?.message ?? '') : '';
}

/** An action's refusal with exactly this message (`success: false`). */
export function returnedMessage(outcome: ActionOutcome, message: string): boolean {
  return (
    outcome.kind === 'returned' &&
    (outcome.value as { success?: boolean } | null)?.success === false &&
    (outcome.value as { message?: string }).message === message
  );
}

/** A form action's answer without a session: to /login. */
export function isLoginRedirect(outcome: ActionOutcome): boolean {
  return outcome.kind === 'redirected' && outcome.location.startsWith('/login');
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The pet's row once its photo has left 'processing': the server's in-process job ran (ADR 0016). */
export async function settledPetRow(petId: string, timeoutMs = 120_000): Promise<Record<string, unknown>> {
  const [row] = await settledRows(async () => {
    const { rows } = await db().query<PetRow>('select * from pets where id = $1', [petId]);
    if (rows.length === 0) throw new Error(`pet ${petId} is gone`);
    return rows;
  }, timeoutMs);
  return row!;
}
