// `npm run bench`: the command line of the benchmark library (bench/bench.ts). Builds the production
// app if needed, starts it on a fresh PostgreSQL database, seeds accounts and pets with SQL,
// measures every performance target side by side with its limit, prints one table and writes the
// rows to a file.
//   npm run bench                 full sizes (~10 min on 2 cores)
//   npm run bench -- --smoke      tiny sizes, a few iterations: proves the harness works
//   npm run bench -- --pglite     the same on the embedded database (PGlite), where it applies
//   --out <file>                  where to write the results (default bench/results.json,
//                                 bench/results-smoke.json with --smoke)
//   --only <a,b>                  run only these scenarios: getpets,crud,weight,page,upload,growth,petpage,reminders
// See docs/performance.md for what each measure is and how it is taken.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { FULL_SIZES, runBench, SMOKE_SIZES, type BenchOptions } from './bench';
import { log } from './context';
import { printTable } from './lib';

function valueOf(argv: string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const smoke = argv.includes('--smoke');
  const only = valueOf(argv, '--only');
  const options: BenchOptions = {
    sizes: smoke ? SMOKE_SIZES : FULL_SIZES,
    backend: argv.includes('--pglite') ? 'pglite' : 'postgres',
    only: only ? new Set(only.split(',')) : null,
    buildDir: process.cwd(),
  };
  const out = path.resolve(valueOf(argv, '--out') ?? path.join('bench', smoke ? 'results-smoke.json' : 'results.json'));
  const started = Date.now();
  log(
    `${smoke ? 'smoke' : 'full'} run on ${options.backend === 'pglite' ? 'PGlite' : 'PostgreSQL'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  const results = await runBench(options);
  console.log(`\n${printTable(results)}\n`);
  const missed = results.filter((result) => result.met === false);
  log(
    `${results.length} measures, ${missed.length} targets not met${missed.length ? `: ${missed.map((result) => result.name).join('; ')}` : ''}; ${Math.round((Date.now() - started) / 1000)} s`,
  );
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), out)}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
