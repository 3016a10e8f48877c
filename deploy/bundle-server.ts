// Makes Next's standalone output (.next/standalone, from `output: 'standalone'`) run the app's own
// server (server.ts: migrations first, client address, security headers, request log, graceful
// SIGTERM) instead of Next's minimal server.js: server.ts and what it imports from src/ bundled
// into pawprint-server.mjs (the packages Next already traced stay outside), plus the migrations,
// the static files and public/ that standalone leaves out. Run after `next build` (deploy/Dockerfile).
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = process.cwd();
const standalone = path.join(root, '.next', 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) throw new Error('no .next/standalone: run `next build` first');

// Next's own server.js hands the build's configuration to Next this way; so does ours.
const { config } = JSON.parse(readFileSync(path.join(root, '.next', 'required-server-files.json'), 'utf8')) as {
  config: unknown;
};
writeFileSync(path.join(standalone, 'next-config.json'), JSON.stringify(config));

await build({
  entryPoints: [path.join(root, 'server.ts')],
  outfile: path.join(standalone, 'pawprint-server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // server-only: the bundle is server code (the hook server.ts registers sees no bare specifier here).
  alias: { '@': path.join(root, 'src'), 'server-only': path.join(root, 'node_modules/server-only/empty.js') },
  // Node-only packages the standalone output already carries in its node_modules.
  external: ['next', 'next/*', 'pg', 'pino', 'sharp', '@electric-sql/pglite', '@electric-sql/pglite/*'],
  banner: {
    js: [
      "import { createRequire as pawprintCreateRequire } from 'node:module';",
      "import { readFileSync as pawprintReadFileSync } from 'node:fs';",
      'const require = pawprintCreateRequire(import.meta.url);',
      "process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = pawprintReadFileSync(new URL('./next-config.json', import.meta.url), 'utf8');",
    ].join('\n'),
  },
  logLevel: 'warning',
});

cpSync(path.join(root, 'src', 'db', 'migrations'), path.join(standalone, 'src', 'db', 'migrations'), {
  recursive: true,
});
cpSync(path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });
if (existsSync(path.join(root, 'public')))
  cpSync(path.join(root, 'public'), path.join(standalone, 'public'), { recursive: true });
console.log(`standalone server ready: ${path.relative(root, standalone)}/pawprint-server.mjs`);
