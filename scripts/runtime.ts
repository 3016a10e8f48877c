// The Node.js line Pawprint runs on (ADR 0026): package.json `engines.node`. `npm install` brings
// that Node itself on Linux x64/arm64 (the exact `node-linux-*` optional dependency puts it in
// node_modules/.bin, which npm puts first on PATH for every script), whatever the machine's own
// Node is. Elsewhere the machine's Node runs, and must be on the line: the entry points (start,
// worker, test) refuse any other with a one-line instruction rather than run on an unproven or
// end-of-life runtime.
import { readFileSync } from 'node:fs';

const engines = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

/** The major version of the chosen line (e.g. 24 for "24.x"). */
export const NODE_LINE = Number(/^\D*(\d+)/.exec(engines)?.[1]);

/** Exits with one line saying what to do when this process is not on the chosen line. */
export function requireNodeLine(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major === NODE_LINE) return;
  const bundled = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');
  const fix = bundled
    ? `run it through npm (npm start, npm test, npm run …) after \`npm install\`, which brings Node ${NODE_LINE} into node_modules/.bin`
    : `npm has no Node ${NODE_LINE} package for ${process.platform}-${process.arch}: install Node ${NODE_LINE} LTS (https://nodejs.org, or \`nvm install ${NODE_LINE}\`) and run again`;
  console.error(
    `Pawprint runs on Node ${NODE_LINE} (package.json engines), not ${process.version} (${process.execPath}): ${fix}.`,
  );
  process.exit(1);
}
