// Before/after evidence for a proposed src change: two production builds (this checkout and
// another directory with the change applied, each built by `npm run build` there) served side by
// side on two fresh PostgreSQL databases seeded alike, and called alternately — so both series
// see the same machine load.
//   npx tsx bench/compare.ts --after /tmp/bench2 [--smoke]
// Measures getPets (server time) for 100 pets at page 0, and for 10,000 pets at page 0 and at
// the last page, plus the first-load JS of /pets; writes bench/compare-results.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { firstLoadJs, median, p95, printTable, type Result } from './lib';
import {
  actionIds,
  cleanup,
  log,
  register,
  resolveServerTimes,
  seedMine,
  seedOthers,
  SIZES,
  startInstance,
  type Account,
  type Instance,
} from './run';

const argv = process.argv.slice(2);
const afterDir = path.resolve(argv[argv.indexOf('--after') + 1] ?? '');
const beforeDir = argv.includes('--before') ? path.resolve(argv[argv.indexOf('--before') + 1]!) : process.cwd();
const round = (value: number) => Math.round(value * 100) / 100;

type Variant = { label: string; instance: Instance; ids: ReturnType<typeof actionIds>; small: Account; large: Account };

async function prepare(label: string, dir: string): Promise<Variant> {
  const instance = await startInstance(label, dir);
  const ids = actionIds(dir);
  const small = await register(instance, ids, `${label}-small`);
  const large = await register(instance, ids, `${label}-large`);
  await seedOthers(instance, SIZES.otherUsers, SIZES.others);
  await seedMine(instance, small.userId, SIZES.growthSmall, null);
  await seedMine(instance, large.userId, SIZES.growthLarge, null);
  return { label, instance, ids, small, large };
}

async function main(): Promise<void> {
  if (!argv.includes('--after'))
    throw new Error('usage: tsx bench/compare.ts --after <dir with the change, built> [--before <dir>] [--smoke]');
  const variants = [await prepare('before', beforeDir), await prepare('after', afterDir)];
  const lastPage = Math.ceil(SIZES.growthLarge / 20) - 1;
  const series = [
    '100 pets, page 0',
    `${SIZES.growthLarge} pets, page 0`,
    `${SIZES.growthLarge} pets, last page`,
  ] as const;
  const call = (variant: Variant, which: number) => {
    const account = which === 0 ? variant.small : variant.large;
    const page = which === 2 ? lastPage : 0;
    return account.client.action(variant.ids.getPets, [{ limit: 20, page }], { path: '/pets' });
  };
  for (let index = 0; index < SIZES.warmup; index++)
    for (const variant of variants) for (const which of [0, 1, 2]) await call(variant, which);
  const requestIds = variants.map(() => series.map(() => [] as string[]));
  log(`alternating ${SIZES.iterations} rounds of ${series.length} calls on each build`);
  for (let index = 0; index < SIZES.iterations; index++) {
    for (const [v, variant] of variants.entries()) {
      for (const which of [0, 1, 2])
        requestIds[v]![which]!.push(String((await call(variant, which)).response.headers['x-request-id']));
    }
  }
  const rows: Result[] = [];
  const times = await Promise.all(
    variants.map((variant, v) => Promise.all(requestIds[v]!.map((ids) => resolveServerTimes(variant.instance, ids)))),
  );
  for (const [which, name] of series.entries()) {
    const before = times[0]![which]!;
    const after = times[1]![which]!;
    rows.push({
      name: `getPets ${name}: before`,
      unit: 'ms',
      median: round(median(before)),
      p95: round(p95(before)),
      limit: Number.NaN,
      ratio: Number.NaN,
      target: 'reported',
      met: null,
    });
    rows.push({
      name: `getPets ${name}: after`,
      unit: 'ms',
      median: round(median(after)),
      p95: round(p95(after)),
      limit: round(median(before)),
      ratio: round(median(after) / median(before)),
      target: 'after / before (median)',
      met: null,
    });
  }
  for (const [v, variant] of variants.entries()) {
    const ratio = median(times[v]![2]!) / median(times[v]![1]!);
    rows.push({
      name: `growth ${SIZES.growthLarge} pets, last / first page: ${variant.label}`,
      unit: 'ms',
      median: round(median(times[v]![2]!)),
      p95: round(p95(times[v]![2]!)),
      limit: round(median(times[v]![1]!)),
      ratio: round(ratio),
      target: '≤ 2× (median)',
      met: ratio <= 2,
    });
  }
  for (const variant of variants) {
    const { kb, scripts } = await firstLoadJs(variant.small.client, '/pets');
    rows.push({
      name: `first-load JS of /pets (${scripts.length} scripts, gzip): ${variant.label}`,
      unit: 'KB',
      median: kb,
      p95: kb,
      limit: 150,
      ratio: round(kb / 150),
      target: '≤ 150 KB',
      met: kb <= 150,
    });
  }
  console.log(`\n${printTable(rows)}\n`);
  const out = path.join(
    process.cwd(),
    'bench',
    SIZES.others < 100_000 ? 'compare-results-smoke.json' : 'compare-results.json',
  );
  writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
  log(`written to ${path.relative(process.cwd(), out)}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(cleanup);
