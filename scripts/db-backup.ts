// `npm run db:backup [FILE]`: a consistent backup of the embedded database and photos (stop the
// app first). Default file: backups/pawprint-<time>.tar.gz.
import { backupEmbedded } from '@/db/backup';

const file = process.argv[2] ?? `backups/pawprint-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
try {
  const result = await backupEmbedded(file);
  console.log(`Backup written to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
