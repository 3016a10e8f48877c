// /pets under load: N keep-alive connections for a few seconds, time to first byte (our own
// driver) and requests per second (autocannon), beside a static file (/icon.svg) served by the
// same server under the same load, alternately.
import autocannon from 'autocannon';
import { log, type Scenario } from '../context';
import { absolute, drain, loadTtfb, median, report, type Result } from '../lib';

export const pageScenario: Scenario = {
  key: 'page',
  title: '/pets under load',
  onPglite: true,
  async run({ main, me }, { sizes }) {
    const results: Result[] = [];
    const port = main.server.port;
    const cookie = me.client.cookieHeader();
    const headers = { cookie, accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
    // Warm up both.
    await loadTtfb(port, '/pets', headers, 4, 1);
    await loadTtfb(port, '/icon.svg', headers, 4, 1);
    const pets = { ttfb: [] as number[], errors: 0, requests: 0, rps: [] as number[], acErrors: 0 };
    const icon = { ttfb: [] as number[], errors: 0, requests: 0, rps: [] as number[], acErrors: 0 };
    for (let round = 0; round < sizes.rounds; round++) {
      for (const [target, url] of [
        [pets, '/pets'],
        [icon, '/icon.svg'],
      ] as const) {
        const outcome = await loadTtfb(port, url, headers, sizes.connections, sizes.loadSeconds);
        target.ttfb.push(...outcome.ttfb);
        target.errors += outcome.errors;
        target.requests += outcome.requests;
      }
      for (const [target, url] of [
        [pets, '/pets'],
        [icon, '/icon.svg'],
      ] as const) {
        const outcome = await autocannon({
          url: `http://127.0.0.1:${port}${url}`,
          connections: sizes.connections,
          duration: sizes.loadSeconds,
          timeout: 30,
          headers: { host: `localhost:${port}`, ...headers },
        });
        target.rps.push(outcome.requests.average);
        target.acErrors += outcome.errors + outcome.timeouts + outcome.non2xx;
        if (outcome.errors + outcome.timeouts + outcome.non2xx > 0)
          log(`autocannon ${url}: ${outcome.errors} errors, ${outcome.timeouts} timeouts, ${outcome.non2xx} non-2xx`);
        // autocannon leaves requests in flight when its time is up: let the server finish them
        // before the next series, so one series never pays for the other.
        await drain(port);
      }
    }
    log(
      `/pets: ${pets.requests} requests, ${pets.errors} errors (ttfb driver), ${pets.acErrors} errors (autocannon); /icon.svg: ${icon.requests} requests, ${icon.errors + icon.acErrors} errors`,
    );
    const ttfb = absolute(
      `/pets TTFB, ${sizes.connections} concurrent`,
      'ms',
      pets.ttfb,
      150,
      'p95 ≤ 150 ms, no errors',
    );
    ttfb.met = ttfb.met && pets.errors + pets.acErrors === 0;
    results.push(ttfb);
    results.push(
      report(
        `/pets TTFB vs /icon.svg, ${sizes.connections} concurrent`,
        'ms',
        pets.ttfb,
        median(icon.ttfb),
        'reported (limit: static file median)',
      ),
    );
    results.push(
      report(
        `/pets requests/s, ${sizes.connections} connections (autocannon)`,
        'req/s',
        pets.rps,
        median(icon.rps),
        'reported (limit: static file req/s)',
      ),
    );
    const errors = report(`/pets errors under load`, 'count', [pets.errors + pets.acErrors], 0, 'none');
    errors.met = pets.errors + pets.acErrors === 0;
    errors.limit = 0;
    errors.ratio = 0;
    results.push(errors);
    return results;
  },
};
