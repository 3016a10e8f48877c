// getPets against the same statements sent with pg directly: the action's server time for the
// first page (20 and 100 pets), and its ratio to the raw query, called alternately.
import pg from 'pg';
import { requestIdOf, resolveServerTimes } from '../calls';
import type { Scenario } from '../context';
import { absolute, relative, type Result } from '../lib';

/** The statements listPets sends for a first page, run directly with pg: one transaction, role
 * and user set, the page with its total (a scalar subquery) — the same SQL Drizzle generates
 * (src/data/pets.ts, src/db/with-user.ts). */
function rawListPets(pool: pg.Pool, userId: string, limit: number): () => Promise<number> {
  return async () => {
    const started = process.hrtime.bigint();
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', 'app_user', true), set_config('app.user_id', $1, true)`, [userId]);
      await client.query(
        `select "id", "name", "category", "birthday", "gender", "image_path", "version", "created_at", "updated_at",
         (select count(*) from "pets" where "pets"."user_id" = $1) from "pets"
         where "pets"."user_id" = $2 order by "pets"."created_at" desc, "pets"."id" desc limit $3`,
        [userId, userId, limit],
      );
      await client.query('commit');
    } finally {
      client.release();
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
}

export const getPetsScenario: Scenario = {
  key: 'getpets',
  title: 'getPets',
  onPglite: false,
  async run({ main, ids, me }, { sizes }) {
    const results: Result[] = [];
    const pool = new pg.Pool({ connectionString: main.databaseUrl!, max: 2 });
    try {
      for (const limit of [20, 100]) {
        const action = () => me.client.action(ids.getPets, [{ limit, page: 0 }], { path: '/pets' });
        const raw = rawListPets(pool, me.userId, limit);
        for (let index = 0; index < sizes.warmup; index++) {
          await action();
          await raw();
        }
        // Interleaved: one action call, one raw query, so both see the same machine.
        const requestIds: string[] = [];
        const rawTimes: number[] = [];
        for (let index = 0; index < sizes.iterations; index++) {
          const call = await action();
          if (
            call.outcome.kind !== 'returned' ||
            (call.outcome.value as { pets: unknown[] }).pets.length !== Math.min(limit, sizes.mine)
          ) {
            throw new Error(`getPets returned ${JSON.stringify(call.outcome).slice(0, 300)}`);
          }
          requestIds.push(requestIdOf(call));
          rawTimes.push(await raw());
        }
        const server = await resolveServerTimes(main, requestIds);
        results.push(
          absolute(`getPets ${sizes.mine} pets, limit ${limit}: server time`, 'ms', server, 20, 'p95 ≤ 20 ms'),
          relative(
            `getPets ${sizes.mine} pets, limit ${limit}: vs raw pg query`,
            'ms',
            server,
            rawTimes,
            3,
            '≤ 3× raw pg (p95)',
          ),
        );
      }
    } finally {
      await pool.end();
    }
    return results;
  },
};
