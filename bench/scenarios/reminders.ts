// The daily reminder scan at scale (FR-044, ADR 0037): bench/reminder-scan.ts in a process of its own
// (the app's DAL runs under the react-server condition) on a fresh PostgreSQL database — `sizes.
// reminderAccounts` accounts, `reminderRecords` care records, `reminderDue` digests due in the coming
// hour — selected and enqueued in ≤ 10 s, through the index (the plan is logged).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { adminDatabaseUrl } from '../../tests/support/database';
import { log, type Scenario } from '../context';

const run = promisify(execFile);

export const remindersScenario: Scenario = {
  key: 'reminders',
  title: 'reminder scan',
  onPglite: false,
  async run(_context, { sizes, buildDir }) {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(buildDir, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--conditions=react-server',
        path.join(buildDir, 'bench', 'reminder-scan.ts'),
        ...['--postgres', adminDatabaseUrl()],
        ...['--accounts', String(sizes.reminderAccounts), '--records', String(sizes.reminderRecords)],
        ...['--due', String(sizes.reminderDue)],
      ],
      { cwd: buildDir, maxBuffer: 16 * 1024 * 1024 },
    );
    log(stderr.trim());
    const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      ms: number;
      limitMs: number;
      due: number;
      queued: number;
      usesIndex: boolean;
    };
    if (figures.queued !== sizes.reminderDue)
      throw new Error(`${figures.queued} jobs for ${sizes.reminderDue} digests`);
    if (!figures.usesIndex) throw new Error('the scan did not use user_preferences_next_digest_idx');
    const seconds = figures.ms / 1000;
    return [
      {
        name: `reminder scan: ${sizes.reminderDue} digests due among ${sizes.reminderAccounts} accounts, ${sizes.reminderRecords} records: select + enqueue`,
        unit: 's',
        median: seconds,
        p95: seconds,
        limit: figures.limitMs / 1000,
        ratio: Math.round((figures.ms / figures.limitMs) * 100) / 100,
        target: '≤ 10 s, by index',
        met: figures.ms <= figures.limitMs,
      },
    ];
  },
};
