// Lets a Node process that runs outside Next's bundler (the custom server) load modules marked
// `import 'server-only'` (src/lib/env.ts, src/queue, src/jobs, src/mail): the marker throws unless resolved with the
// `react-server` condition, which Next sets for server code and `npm run worker` passes to Node. This
// resolve hook adds that condition for the marker alone, so React and every other package resolve
// as before. Only modules imported after the hook is registered (dynamic imports) see it.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, nextResolve) {
  if (specifier !== 'server-only') return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
}`;

export function allowServerOnlyModules(): void {
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
