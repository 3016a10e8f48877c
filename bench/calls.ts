// Calling the app's actions as the bench does, and timing them by the server's own clock: each
// response carries its request id, and the server's request log (LOG_LEVEL=info) says how long it
// took to serve it.
import type { ActionCall } from '../tests/support/http';
import { sleep } from './context';
import type { Instance } from './instances';
import { serverTimes } from './lib';

export function expectRedirect(call: ActionCall, what: string): string {
  if (call.outcome.kind !== 'redirected')
    throw new Error(`${what}: expected a redirect, got ${JSON.stringify(call.outcome).slice(0, 400)}`);
  return call.outcome.location;
}

/** A pet form with valid defaults, `fields` over them. */
export function petForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    category: 'Dog',
    birthday: '2020-05-17',
    gender: 'female',
    timezone: 'UTC',
    ...fields,
  }))
    form.append(name, value);
  return form;
}

export function requestIdOf(call: ActionCall): string {
  return String(call.response.headers['x-request-id']);
}

/** The server's duration of each request, once its log line has reached the file. */
export async function resolveServerTimes(instance: Instance, requestIds: string[]): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    await sleep(150);
    const times = serverTimes(instance.logFile);
    const found = requestIds.map((id) => times.get(id));
    if (found.every((value) => value !== undefined)) return found as number[];
    if (attempt > 20)
      throw new Error(
        `the server log has no duration for ${found.filter((value) => value === undefined).length} requests`,
      );
  }
}

/** Makes the calls one after the other; the server time of each. */
export async function timedActions(instance: Instance, calls: (() => Promise<ActionCall>)[]): Promise<number[]> {
  const requestIds: string[] = [];
  for (const call of calls) {
    const made = await call();
    if (made.outcome.kind === 'error') throw new Error(`action failed: ${made.outcome.status} ${made.outcome.detail}`);
    requestIds.push(requestIdOf(made));
  }
  return resolveServerTimes(instance, requestIds);
}
