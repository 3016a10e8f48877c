// Growth: how getPets' server time grows with one user's pets (the last page against the first,
// and a large user against a small one on the same server), and with the rows in the table (two
// servers of the same build on a small and a large database, called alternately).
import { requestIdOf, resolveServerTimes } from '../calls';
import { log, type Scenario } from '../context';
import { register, type Account } from '../instances';
import { median, relative, report, type Result } from '../lib';
import { seedMine, seedOthers, withAdmin } from '../seed';

export const growthPerUserScenario: Scenario = {
  key: 'growth',
  title: 'growth (pets per user)',
  onPglite: false,
  async run({ main, ids }, { sizes }) {
    const results: Result[] = [];
    const small = await register(main, ids, 'growth-small');
    const large = await register(main, ids, 'growth-large');
    await seedMine(main, small.userId, sizes.growthSmall, null);
    await seedMine(main, large.userId, sizes.growthLarge, null);
    const pageCall = (account: Account, page: number) => () =>
      account.client.action(ids.getPets, [{ limit: 20, page }], { path: '/pets' });
    const smallLast = Math.ceil(sizes.growthSmall / 20) - 1;
    const largeLast = Math.ceil(sizes.growthLarge / 20) - 1;
    const calls = [pageCall(small, 0), pageCall(small, smallLast), pageCall(large, 0), pageCall(large, largeLast)];
    for (let index = 0; index < sizes.warmup; index++) for (const call of calls) await call();
    const requestIds: string[][] = [[], [], [], []];
    for (let index = 0; index < sizes.iterations; index++) {
      for (const [which, call] of calls.entries()) requestIds[which]!.push(requestIdOf(await call()));
    }
    const [smallFirst, smallEnd, largeFirst, largeEnd] = await Promise.all(
      requestIds.map((list) => resolveServerTimes(main, list)),
    );
    results.push(
      relative(
        `growth: ${sizes.growthLarge} pets, last page vs first page`,
        'ms',
        largeEnd!,
        largeFirst!,
        2,
        '≤ 2× first page (median)',
        'median',
      ),
    );
    results.push(
      relative(
        `growth: ${sizes.growthSmall} pets, last page vs first page`,
        'ms',
        smallEnd!,
        smallFirst!,
        2,
        '≤ 2× first page (median)',
        'median',
      ),
    );
    results.push(
      report(
        `growth: ${sizes.growthLarge} pets vs ${sizes.growthSmall} pets, first page`,
        'ms',
        largeFirst!,
        median(smallFirst!),
        'reported (limit: median of the small user)',
      ),
    );
    return results;
  },
};

export const growthPerTableScenario: Scenario = {
  key: 'growth',
  title: 'growth (rows in the table)',
  onPglite: false,
  async run({ ids, instances }, { sizes }) {
    const results: Result[] = [];
    // Two servers of the same build on two databases, called alternately: the table size is the
    // only difference between the two series.
    const smallInstance = await instances.start('table-small');
    const largeInstance = await instances.start('table-large');
    const small = await register(smallInstance, ids, 'table-small');
    const large = await register(largeInstance, ids, 'table-large');
    for (const [instance, account, total] of [
      [smallInstance, small, sizes.tableSmall],
      [largeInstance, large, sizes.tableLarge],
    ] as const) {
      log(`seeding ${total} rows for the table growth measure`);
      await seedOthers(instance, Math.max(10, Math.round(total / 100)), total - 100);
      await seedMine(instance, account.userId, 100, null);
      await withAdmin(instance, (client) => client.query('vacuum analyze pets'));
    }
    const calls = [
      () => small.client.action(ids.getPets, [{ limit: 20 }], { path: '/pets' }),
      () => large.client.action(ids.getPets, [{ limit: 20 }], { path: '/pets' }),
    ];
    for (let index = 0; index < sizes.warmup; index++) for (const call of calls) await call();
    const smallIds: string[] = [];
    const largeIds: string[] = [];
    for (let index = 0; index < sizes.iterations; index++) {
      smallIds.push(requestIdOf(await calls[0]!()));
      largeIds.push(requestIdOf(await calls[1]!()));
    }
    const smallTimes = await resolveServerTimes(smallInstance, smallIds);
    const largeTimes = await resolveServerTimes(largeInstance, largeIds);
    results.push(
      relative(
        `growth: getPets with ${sizes.tableLarge.toLocaleString('en')} rows vs ${sizes.tableSmall.toLocaleString('en')} rows`,
        'ms',
        largeTimes,
        smallTimes,
        1.5,
        '≤ 1.5× (median)',
        'median',
      ),
    );
    await instances.stop(smallInstance);
    await instances.stop(largeInstance);
    return results;
  },
};
