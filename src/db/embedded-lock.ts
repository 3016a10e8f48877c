// One process at a time on the embedded database: PGlite does not lock its data directory, and
// two processes opening it corrupt it silently. The lock file names the holder's pid, so a
// second opener (the app twice, or a backup while the app runs) stops with a clear message.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class EmbeddedDatabaseBusyError extends Error {
  override name = 'EmbeddedDatabaseBusyError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
}

/** Takes the lock on `dataDir` for this process (a stale lock of a dead process is taken over). */
export function lockEmbeddedDatabase(dataDir: string): void {
  const file = lockFile(dataDir);
  if (existsSync(file)) {
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new EmbeddedDatabaseBusyError(
        `The embedded database in ${dataDir} is in use by process ${holder} (is the app running?). Stop it first.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  process.once('exit', () => unlockEmbeddedDatabase(dataDir));
}

export function unlockEmbeddedDatabase(dataDir: string): void {
  const file = lockFile(dataDir);
  try {
    if (existsSync(file) && Number(readFileSync(file, 'utf8').trim()) === process.pid) rmSync(file);
  } catch {
    // Best effort: a stale lock of a dead process is taken over by the next opener.
  }
}
