// Losing an instance under a load of 20 users through HAProxy: SIGKILL (a crash) — the balancer
// stops sending to it, no acknowledged write is lost, users see at most a retryable answer; and
// SIGTERM (a drain) — its requests in flight finish and nobody sees an error at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../support/http';
import { startLoad } from './support/users';
import { startCluster, type Cluster } from './support/rig';
import { actionIdsOf, sleep, type ActionIds, APP_ACTIONS } from './support/shared';

const USERS = 20;

let cluster: Cluster;
let ids: ActionIds;

beforeAll(async () => {
  cluster = await startCluster();
  ids = actionIdsOf(APP_ACTIONS) as ActionIds;
});

afterAll(async () => {
  await cluster?.dispose();
});

describe('an instance lost under load', () => {
  it('SIGKILL: the balancer takes it out, no acknowledged write is lost, users see at most "try again"', async () => {
    const load = await startLoad(cluster, { users: USERS, ids });
    await sleep(4_000);
    const before = load.tally.requests;
    await cluster.kill(1);
    await cluster.balancer.waitFor(['app2'], 'DOWN', 15_000);
    await sleep(6_000);
    await load.finish();
    const lost = await load.verify();
    console.log(
      `SIGKILL under ${USERS} users: ${load.tally.requests} requests (${load.tally.requests - before} after the kill), ` +
        `${load.tally.retried} retried (${load.tally.cut} cut off mid-answer), ${load.tally.failures.length} failed, ` +
        `${load.tally.acknowledged} pets acknowledged`,
    );
    expect(load.tally.failures).toEqual([]);
    expect(lost).toEqual([]);
    expect(load.tally.acknowledged).toBeGreaterThan(0);
    await cluster.start(1);
    await cluster.balancer.waitFor(['app2'], 'UP');
  });

  it('SIGTERM: the instance drains (health 503, still serving) until the balancer moves on, then stops; no request fails or is retried', async () => {
    const load = await startLoad(cluster, { users: USERS, ids });
    await sleep(4_000);
    const stopped = cluster.stop(2);
    // SHUTDOWN_DRAIN_SECONDS (3 in the rig): the health check says 503 while pages are still served,
    // each answer closing its connection, and the balancer takes the instance out before it stops.
    await sleep(500);
    const direct = new HttpClient(cluster.instances[2]!.port);
    const health = await direct.request('/api/health');
    expect([health.status, JSON.parse(health.text)]).toEqual([503, { status: 'draining' }]);
    const login = await direct.request('/login', { headers: { accept: 'text/html' } });
    expect([login.status, login.headers.connection]).toEqual([200, 'close']);
    await cluster.balancer.waitFor(['app3'], 'DOWN', 15_000);
    await stopped;
    await sleep(4_000);
    await load.finish();
    const lost = await load.verify();
    console.log(
      `SIGTERM under ${USERS} users: ${load.tally.requests} requests, ${load.tally.retried} retried, ` +
        `${load.tally.failures.length} failed`,
    );
    expect(load.tally.failures).toEqual([]);
    expect(load.tally.retried).toBe(0);
    expect(lost).toEqual([]);
  });
});
