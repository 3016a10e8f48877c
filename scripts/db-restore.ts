// `npm run db:restore FILE`: brings back a backup made by `npm run db:backup` (stop the app
// first). What was there before is kept aside in DATA_DIR/before-restore-<time>/.
import { restoreEmbedded } from '@/db/backup';

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run db:restore FILE');
  process.exit(1);
}
try {
  const { keptAside } = await restoreEmbedded(file);
  console.log(`Restored ${file}.${keptAside ? ` The previous data is kept in ${keptAside}.` : ''}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
