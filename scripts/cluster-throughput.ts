// `npx tsx scripts/cluster-throughput.ts`: GET /pets req/s through HAProxy with 1, 2 and 3 instances
// in rotation (the cluster of tests/cluster; autocannon, a signed-in cookie, 50 connections, 10 s
// each). On a machine with few cores the instances share them: the figure is what was measured.
import autocannon from 'autocannon';
import { isS3Server, startS3Server } from '../tests/support/radosgw';
import { rangePort, startCluster } from '../tests/cluster/support/rig';
import { ensureProductionBuild } from '../tests/support/production-build';
import { actionIdsOf, register, type ActionIds } from '../tests/cluster/support/shared';

const ACTIONS = ['register', 'getCurrentUser', 'getPets', 'getPet', 'createPet', 'updatePet', 'deletePet'] as const;

// Built once first, as the cluster suite does: three instances starting on a stale build would each build.
await ensureProductionBuild('cluster', await rangePort());
const s3 = await startS3Server({ timeoutMs: 120_000 });
if (!isS3Server(s3)) throw new Error(s3.unavailable);
const cluster = await startCluster({ s3 });
try {
  // Without HAProxy's affinity cookie: the requests spread over the instances in rotation.
  const client = cluster.client('127.0.0.1');
  await register(client, actionIdsOf(ACTIONS) as ActionIds, 'throughput');
  const results: string[] = [];
  for (const inRotation of [1, 2, 3]) {
    for (const [index, name] of ['app1', 'app2', 'app3'].entries())
      await cluster.balancer.setState(name, index < inRotation ? 'ready' : 'maint');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const result = await autocannon({
      url: `${cluster.origin}/pets`,
      connections: 50,
      duration: 10,
      headers: { cookie: client.cookieHeader(), accept: 'text/html' },
    });
    const line = `${inRotation} instance(s): ${result.requests.average.toFixed(1)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`;
    console.log(line);
    results.push(line);
  }
  console.log(`\nGET /pets through HAProxy, 50 connections, 10 s each:\n${results.join('\n')}`);
} finally {
  await cluster.dispose();
  await s3.stop();
}
