// The app's HTTP server, as `npm start` (scripts/start.ts), `npm run dev` and the container start it.
// The server itself is src/http-server.ts. This entry first lets the process load the modules marked
// `import 'server-only'` (configuration, the queue, jobs, mail): outside Next's bundler that marker
// throws unless it resolves under the react-server condition, and the resolve hook that adds the
// condition for it alone (src/lib/server-only-outside-next.ts) applies only to imports made after it
// is registered — hence the dynamic import.
import { allowServerOnlyModules } from './src/lib/server-only-outside-next';

allowServerOnlyModules();
await import('./src/http-server');
