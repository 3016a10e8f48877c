// `npm test`: the whole suite, in order — unit, integration on PGlite, then when DATABASE_URL is
// set the same integration suite on PostgreSQL, the security suite (the production build
// attacked over HTTP), the fault tests, the short load run, the bench smoke run and the cluster
// suite (three instances behind HAProxy), then
// end-to-end in Chromium. The system packages those stages need are provisioned first
// (scripts/provision.ts). Every stage runs even if an earlier one failed; the last line sums up
// every test of every stage.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, HAPROXY, provision, RADOSGW } from './provision';
import { requireNodeLine } from './runtime';

requireNodeLine();
console.log(`npm test on Node ${process.version} (${process.execPath})`);

type Counts = { passed: number; failed: number; skipped: number; failedNames: string[] };
type Stage = { name: string; command: string[]; env?: Record<string, string>; report: 'vitest' | 'playwright' };

// Before any stage: the end-to-end stage drives Chromium; with DATABASE_URL, the S3 fault tests
// need radosgw (unlike the S3 integration suite, they do not skip without it), the cluster suite HAProxy.
provision(process.env.DATABASE_URL ? [CHROMIUM, RADOSGW, HAPROXY] : [CHROMIUM]);

const reports = mkdtempSync(path.join(tmpdir(), 'pet-app-test-reports-'));
const bin = (name: string) => path.join(process.cwd(), 'node_modules', '.bin', name);

const stages: Stage[] = [
  { name: 'unit', command: [bin('vitest'), 'run', '--project', 'unit'], report: 'vitest' },
  {
    name: 'integration (PGlite)',
    command: [bin('vitest'), 'run', '--project', 'integration'],
    env: { TEST_DATABASE: 'pglite' },
    report: 'vitest',
  },
];
if (process.env.DATABASE_URL) {
  stages.push({
    name: 'integration (PostgreSQL)',
    command: [bin('vitest'), 'run', '--project', 'integration'],
    env: { TEST_DATABASE: 'postgres' },
    report: 'vitest',
  });
  stages.push({
    name: 'security (PostgreSQL, production build)',
    command: [bin('vitest'), 'run', '--project', 'security'],
    report: 'vitest',
  });
  // The production build while its database connection, its storage or its own process fails.
  stages.push({
    name: 'faults (production build: database, storage, SIGKILL, SIGTERM)',
    command: [bin('vitest'), 'run', '--project', 'faults'],
    report: 'vitest',
  });
  // Many users at once for a few seconds, on PostgreSQL and PGlite; `npm run test:load` is the full run.
  stages.push({
    name: 'load, short (production build, PostgreSQL and PGlite)',
    command: [bin('vitest'), 'run', '--project', 'load'],
    report: 'vitest',
  });
  // The benchmark harness at tiny sizes: proves `npm run bench` works (docs/performance.md).
  stages.push({
    name: 'bench smoke (PostgreSQL, production build)',
    command: [bin('vitest'), 'run', '--config', 'vitest.bench.config.ts'],
    report: 'vitest',
  });
  // Three instances behind HAProxy on one database and radosgw: sessions, limits, kills, a rolling deploy.
  stages.push({
    name: 'cluster (three production instances behind HAProxy, PostgreSQL, radosgw)',
    command: [bin('vitest'), 'run', '--project', 'cluster'],
    report: 'vitest',
  });
} else {
  console.log('DATABASE_URL is not set: the integration suite runs on PGlite only, and the security suite is skipped.');
}
stages.push({ name: 'end-to-end (Chromium)', command: [bin('playwright'), 'test'], report: 'playwright' });

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    assertionResults: { status: string; ancestorTitles: string[]; title: string; failureMessages?: string[] }[];
  }[];
};

function vitestCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    failedNames: report.testResults.flatMap((result) =>
      result.assertionResults
        .filter((test) => test.status === 'failed')
        .map((test) => {
          const name = [path.relative(process.cwd(), result.name), ...test.ancestorTitles, test.title].join(' > ');
          // The first line of why: a CI log is often kept only from its end.
          const why = test.failureMessages?.[0]?.split('\n')[0]?.slice(0, 300);
          return why ? `${name}\n          ${why}` : name;
        }),
    ),
  };
}

type PlaywrightSuite = {
  title: string;
  file: string;
  specs?: { title: string; line: number; tests: { status: string; projectName: string }[] }[];
  suites?: PlaywrightSuite[];
};

/** The specs whose outcome was not the expected one (failed, or passed only on a retry). */
function playwrightFailures(suite: PlaywrightSuite, titles: string[] = []): string[] {
  const here = suite.title && suite.title !== suite.file ? [...titles, suite.title] : titles;
  return [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((test) => test.status === 'unexpected' || test.status === 'flaky')
        .map((test) => `${suite.file}:${spec.line} > ${[...here, spec.title].join(' > ')} (${test.status})`),
    ),
    ...(suite.suites ?? []).flatMap((child) => playwrightFailures(child, here)),
  ];
}

function playwrightCounts(file: string): Counts {
  const { stats, suites } = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites: PlaywrightSuite[];
  };
  return {
    passed: stats.expected,
    failed: stats.unexpected + stats.flaky,
    skipped: stats.skipped,
    failedNames: suites.flatMap((suite) => playwrightFailures(suite)),
  };
}

const total = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
let failedStages = 0;

for (const [index, stage] of stages.entries()) {
  const reportFile = path.join(reports, `stage-${index}.json`);
  const args =
    stage.report === 'vitest'
      ? [...stage.command.slice(1), '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]
      : [...stage.command.slice(1), '--reporter=list,json'];
  console.log(`\n━━ ${stage.name} ━━`);
  const startedAt = Date.now();
  // Every stage on this process's Node (the project's line, ADR 0026): the runner by path, and
  // its directory first on PATH for what a stage starts by name (Playwright's webServer `node …`).
  const result = spawnSync(process.execPath, [stage.command[0]!, ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...stage.env,
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  let counts: Counts = { passed: 0, failed: 0, skipped: 0, failedNames: [] };
  if (existsSync(reportFile))
    counts = stage.report === 'vitest' ? vitestCounts(reportFile) : playwrightCounts(reportFile);
  const ok = result.status === 0 && counts.failed === 0;
  if (!ok) failedStages++;
  // A stage that died before reporting still counts as a failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  summary.push(
    `${ok ? 'ok  ' : 'FAIL'}  ${stage.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` +
      ` (${Math.round((Date.now() - startedAt) / 1000)} s)`,
    // Named here too: a CI log is often kept only from its end.
    ...counts.failedNames.map((name) => `        failed: ${name}`),
  );
}

rmSync(reports, { recursive: true, force: true });
console.log(`\n━━ summary ━━\n${summary.join('\n')}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedStages === 0 ? 0 : 1);
