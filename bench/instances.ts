// The app instances a bench run measures: the production build on a database of its own
// (tests/support/app-instance.ts), the Server Action ids of that build, and accounts on it made
// through the register action over HTTP. A pool belongs to one run and stops what it started.
import { registerOverHttp } from '../tests/support/accounts';
import { appActionIds, type AppActionIds } from '../tests/support/action-ids';
import { startAppInstance, type AppInstance, type Backend } from '../tests/support/app-instance';
import { HttpClient } from '../tests/support/http';
import { log } from './context';

export type Instance = AppInstance;

export type ActionIds = AppActionIds;

/** The ids of the actions the bench calls, from the build in `buildDir`. */
export function actionIds(buildDir: string): ActionIds {
  return appActionIds(buildDir);
}

export type InstancePool = {
  /** The build in `buildDir` (the pool's by default) on a fresh database. */
  start: (label: string, buildDir?: string) => Promise<Instance>;
  stop: (instance: Instance) => Promise<void>;
  stopAll: () => Promise<void>;
};

export function instancePool(backend: Backend, defaultBuildDir: string): InstancePool {
  const running: Instance[] = [];
  const stop = async (instance: Instance) => {
    const index = running.indexOf(instance);
    if (index >= 0) running.splice(index, 1);
    await instance.dispose();
  };
  return {
    async start(label, buildDir = defaultBuildDir) {
      const database = backend === 'pglite' ? 'PGlite' : 'a new PostgreSQL database';
      log(`starting the production build for "${label}" (${database}; builds first if needed)`);
      const instance = await startAppInstance({ backend, label: `bench-${label}`, buildDir });
      running.push(instance);
      return instance;
    },
    stop,
    async stopAll() {
      for (const instance of [...running]) await stop(instance).catch(() => {});
    },
  };
}

export type Account = { client: HttpClient; email: string; password: string; userId: string };

/** A new account on `instance`, with a client of its own that holds the session. */
export async function register(instance: Instance, ids: ActionIds, label: string): Promise<Account> {
  const client = new HttpClient(instance.server.port);
  return { client, ...(await registerOverHttp(client, ids, label)) };
}
