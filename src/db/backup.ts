// Backups of the embedded default: one .tar.gz holding a consistent dump of the PGlite data
// directory (PGlite's own dumpDataDir) and the photos under DATA_DIR/storage. The app must be
// stopped (the embedded-database lock refuses otherwise). With DATABASE_URL, use pg_dump instead.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import * as tar from 'tar';
import { env } from '@/lib/env';
import { lockEmbeddedDatabase, unlockEmbeddedDatabase } from './embedded-lock';

const FORMAT = 'pawprint-backup/1';

type Manifest = { format: string; createdAt: string };

function embeddedPaths() {
  const config = env();
  if (config.DATABASE_URL)
    throw new Error('DATABASE_URL is set: back up PostgreSQL with pg_dump, and the bucket with your storage provider.');
  return {
    dataDir: config.dataDir,
    pglite: path.join(config.dataDir, 'pglite'),
    storage: path.join(config.dataDir, 'storage'),
  };
}

/** Writes a backup of the embedded database and the local photos to `file`. */
export async function backupEmbedded(file: string): Promise<{ file: string; bytes: number }> {
  const paths = embeddedPaths();
  if (!existsSync(paths.pglite)) throw new Error(`There is no embedded database in ${paths.dataDir} to back up.`);
  const staging = mkdtempSync(path.join(tmpdir(), 'pawprint-backup-'));
  lockEmbeddedDatabase(paths.pglite);
  try {
    const database = new PGlite(paths.pglite);
    // Open fully before dumping: a dump requested during start-up never settles.
    await database.query('select 1');
    const dump = await database.dumpDataDir('gzip');
    await database.close();
    writeFileSync(path.join(staging, 'pglite.tar.gz'), Buffer.from(await dump.arrayBuffer()));
    writeFileSync(
      path.join(staging, 'manifest.json'),
      JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString() } satisfies Manifest),
    );
    const entries = ['manifest.json', 'pglite.tar.gz'];
    if (existsSync(paths.storage)) {
      symlinkSync(paths.storage, path.join(staging, 'storage'));
      entries.push('storage');
    }
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await tar.create({ gzip: true, file, cwd: staging, follow: true, portable: true }, entries);
    return { file: path.resolve(file), bytes: readFileSync(file).length };
  } finally {
    unlockEmbeddedDatabase(paths.pglite);
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Replaces the embedded database and photos with those of a backup. What was there is kept aside
 * in DATA_DIR/before-restore-<time>/ (nothing a user saved is lost by a mistaken restore).
 */
export async function restoreEmbedded(file: string): Promise<{ keptAside: string | null }> {
  const paths = embeddedPaths();
  if (!existsSync(file)) throw new Error(`No backup file at ${file}.`);
  const staging = mkdtempSync(path.join(tmpdir(), 'pawprint-restore-'));
  lockEmbeddedDatabase(paths.pglite);
  try {
    await tar.extract({ file, cwd: staging, strict: true });
    const manifest = JSON.parse(readFileSync(path.join(staging, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.format !== FORMAT) throw new Error(`${file} is not a Pawprint backup (format ${manifest.format}).`);

    // Load the dump into a fresh directory first: a broken backup never touches the live data.
    const incoming = path.join(paths.dataDir, `pglite.incoming-${process.pid}`);
    rmSync(incoming, { recursive: true, force: true });
    const database = new PGlite(incoming, {
      loadDataDir: new Blob([new Uint8Array(await readFile(path.join(staging, 'pglite.tar.gz')))]),
    });
    await database.query('select 1');
    await database.close();

    let keptAside: string | null = null;
    if (existsSync(paths.pglite) || existsSync(paths.storage)) {
      keptAside = path.join(paths.dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(keptAside, { recursive: true });
      if (existsSync(paths.pglite)) renameSync(paths.pglite, path.join(keptAside, 'pglite'));
      if (existsSync(paths.storage)) renameSync(paths.storage, path.join(keptAside, 'storage'));
    }
    renameSync(incoming, paths.pglite);
    if (existsSync(path.join(staging, 'storage'))) renameSync(path.join(staging, 'storage'), paths.storage);
    return { keptAside };
  } finally {
    unlockEmbeddedDatabase(paths.pglite);
    rmSync(staging, { recursive: true, force: true });
  }
}
