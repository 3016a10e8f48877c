// Once per security run: a PostgreSQL database of its own, the production build served on a free
// port (built first if needed), two real accounts A and B made through the register action over
// HTTP, and A's pets (one with a photo uploaded through the signed URL) — then, at the end, the
// summary table, the server's whole process group stopped and the database dropped.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { registerOverHttp } from '../support/accounts';
import { allActionIds, appActionIds } from '../support/action-ids';
import { createTestDatabase } from '../support/database';
import { HttpClient } from '../support/http';
import { png } from '../support/images';
import { uploadPhoto } from '../support/photo-upload';
import { freePort, serverEnv, startServer, type RunningServer } from '../support/server';
import type { OwnedPet, SecurityContext, LedgerLine } from './support/harness';

// A window long enough that 50 attempts fit in it on a busy machine.
export const RATE_LIMITS = { perEmail: 5, perAddress: 30, windowSeconds: 60, addressWindowSeconds: 300 };
/** Small enough that the disk-fill probe reaches it in a few 20 MB uploads. */
export const STORAGE_QUOTA_BYTES = 100 * 1024 * 1024;

function printTable(resultsDir: string): void {
  const file = path.join(resultsDir, 'ledger.jsonl');
  if (!existsSync(file)) {
    console.log('\nsecurity: no attempts were recorded');
    return;
  }
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LedgerLine);
  const rows = new Map<string, { attempts: number; refused: number; leaked: number; informational: number }>();
  for (const line of lines) {
    const row = rows.get(line.attack) ?? { attempts: 0, refused: 0, leaked: 0, informational: 0 };
    row.attempts++;
    if (line.refused) row.refused++;
    if (line.leaks.length > 0) row.leaked++;
    if (line.informational) row.informational++;
    rows.set(line.attack, row);
  }
  const header = ['attack', 'attempts', 'refused', 'leaked'];
  const body = [...rows].map(([attack, row]) => [
    attack + (row.informational ? ` (${row.informational} informational)` : ''),
    String(row.attempts),
    String(row.refused),
    String(row.leaked),
  ]);
  const totals = [...rows.values()].reduce(
    (sum, row) => ({
      attempts: sum.attempts + row.attempts,
      refused: sum.refused + row.refused,
      leaked: sum.leaked + row.leaked,
    }),
    { attempts: 0, refused: 0, leaked: 0 },
  );
  body.push(['total', String(totals.attempts), String(totals.refused), String(totals.leaked)]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((row) => row[column]!.length)));
  const format = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(
    `\n${format(header)}\n|${widths.map((width, column) => (column === 0 ? ` ${'-'.repeat(width)} ` : ` ${'-'.repeat(width - 1)}: `)).join('|')}|\n${body.map(format).join('\n')}`,
  );
  const notRefused = lines.filter((line) => !line.refused && !line.informational);
  const leaked = lines.filter((line) => line.leaks.length > 0);
  for (const line of notRefused) console.log(`  NOT REFUSED  ${line.attack} — ${line.label}`);
  for (const line of leaked) console.log(`  LEAKED       ${line.attack} — ${line.label}: ${line.leaks.join(', ')}`);
  for (const line of lines.filter((entry) => entry.informational && !entry.refused))
    console.log(`  accepted (informational)  ${line.attack} — ${line.label}`);
  console.log(
    `security: ${totals.attempts} attempts, ${totals.refused} refused, ${totals.leaked} leaked${notRefused.length ? `, ${notRefused.length} NOT REFUSED` : ''}`,
  );
}

export default async function setup(project: TestProject) {
  const cwd = process.cwd();
  const database = await createTestDatabase('sec');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'pawprint-sec-data-'));
  const resultsDir = mkdtempSync(path.join(tmpdir(), 'pawprint-sec-results-'));
  let server: RunningServer | undefined;
  let authSecret = '';

  const teardown = async () => {
    printTable(resultsDir);
    await server?.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    if (!process.env.SECURITY_KEEP_RESULTS) rmSync(resultsDir, { recursive: true, force: true });
  };

  try {
    const port = await freePort();
    console.log(
      `security: starting the production build on port ${port} (database ${database.name}; builds first if needed)`,
    );
    const baseEnv = serverEnv({ databaseUrl: database.url, port, dataDir });
    authSecret = baseEnv.BETTER_AUTH_SECRET!;
    server = await startServer({
      cwd,
      port,
      logFile: path.join(resultsDir, 'server.log'),
      env: {
        ...baseEnv,
        RATE_LIMIT_LOGIN_PER_EMAIL: String(RATE_LIMITS.perEmail),
        RATE_LIMIT_LOGIN_PER_ADDRESS: String(RATE_LIMITS.perAddress),
        RATE_LIMIT_WINDOW_SECONDS: String(RATE_LIMITS.windowSeconds),
        RATE_LIMIT_ADDRESS_WINDOW_SECONDS: String(RATE_LIMITS.addressWindowSeconds),
        STORAGE_QUOTA_BYTES: String(STORAGE_QUOTA_BYTES),
      },
    });
    const actionIds = appActionIds(cwd);

    // The accounts, made through the real register action over HTTP.
    const aClient = new HttpClient(port, '127.0.0.2');
    const bClient = new HttpClient(port, '127.0.0.2');
    const a = { ...(await registerOverHttp(aClient, actionIds, 'alice')), cookies: Object.fromEntries(aClient.jar) };
    const b = { ...(await registerOverHttp(bClient, actionIds, 'bob')), cookies: Object.fromEntries(bClient.jar) };

    // A's pets: distinctive random names; one with a photo (upload → PUT → createPet).
    const names = Array.from({ length: 3 }, (_, index) => `Zq${index}x${randomBytes(5).toString('hex')}`);
    const photoPath = await uploadPhoto(aClient, actionIds, await png(320, 240), 'alice-photo.png', 'image/png');
    for (const [index, name] of names.entries()) {
      const fields: [string, string][] = [
        ['name', name],
        ['category', `Cat${randomBytes(4).toString('hex')}`],
        ['birthday', '2019-04-0' + (index + 1)],
        ['gender', 'female'],
        ['timezone', 'UTC'],
      ];
      if (index === 0) fields.push(['storagePath', photoPath]);
      const form = new FormData();
      for (const [field, value] of fields) form.append(field, value);
      const created = await aClient.action(actionIds.createPet, [null, form], { path: '/pets/new' });
      if (created.outcome.kind !== 'redirected')
        throw new Error(`A's createPet failed: ${JSON.stringify(created.outcome)}`);
    }
    const pendingUpload = await uploadPhoto(aClient, actionIds, await png(64, 64), 'alice-pending.png', 'image/png');
    // The photo is processed by the server's in-process job a moment after the save (ADR 0016).
    let list: Awaited<ReturnType<typeof aClient.action>>;
    let pets: OwnedPet[] = [];
    for (let attempt = 0; attempt < 150 && !pets.some((pet) => pet.imagePath); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      list = await aClient.action(actionIds.getPets, [{ limit: 100 }], { path: '/pets' });
      pets = list.outcome.kind === 'returned' ? (list.outcome.value as { pets: OwnedPet[] }).pets : [];
    }
    if (pets.length !== 3 || !pets.some((pet) => pet.imagePath))
      throw new Error(`A's pets were not created as expected: ${JSON.stringify(list!.outcome)}`);

    const context: SecurityContext = {
      port,
      origin: `http://localhost:${port}`,
      cwd,
      databaseUrl: database.url,
      dataDir,
      resultsDir,
      actionIds,
      allActions: allActionIds(cwd),
      rateLimits: RATE_LIMITS,
      storageQuotaBytes: STORAGE_QUOTA_BYTES,
      authSecret,
      a: {
        ...a,
        pets: pets.map(({ id, name, imagePath, imageUrl, thumbnailUrl }) => ({
          id,
          name,
          imagePath,
          imageUrl,
          thumbnailUrl,
        })),
        pendingUpload,
      },
      b,
    };
    project.provide('security', context);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
