// The pet actions one by one, by the server's own clock: getPet, createPet, updatePet and
// deletePet without a photo, and login.
import { randomUUID } from 'node:crypto';
import { HttpClient } from '../../tests/support/http';
import { expectRedirect, petForm, requestIdOf, resolveServerTimes, timedActions } from '../calls';
import type { Scenario } from '../context';
import { absolute, type Result } from '../lib';

export const crudScenario: Scenario = {
  key: 'crud',
  title: 'crud',
  onPglite: true,
  async run({ main, ids, me, firstPetId }, { sizes }) {
    const results: Result[] = [];
    const client = me.client;
    // Warm-up of each action.
    for (let index = 0; index < sizes.warmup; index++)
      await client.action(ids.getPet, [{ id: firstPetId }], { path: `/pets/${firstPetId}` });

    const created: string[] = [];
    const createIds: string[] = [];
    for (let index = 0; index < sizes.crud; index++) {
      const call = await client.action(
        ids.createPet,
        [null, petForm({ name: `Bench ${index}`, submissionId: randomUUID() })],
        { path: '/pets/new' },
      );
      const location = expectRedirect(call, 'createPet');
      created.push(new URL(location, 'http://x').searchParams.get('created')!);
      createIds.push(requestIdOf(call));
    }
    const getTimes = await timedActions(
      main,
      Array.from(
        { length: sizes.crud },
        (_, index) => () => client.action(ids.getPet, [{ id: created[index]! }], { path: `/pets/${created[index]}` }),
      ),
    );
    const updateIds: string[] = [];
    for (const [index, id] of created.entries()) {
      const call = await client.action(
        ids.updatePet,
        [null, petForm({ id, name: `Bench ${index} edited`, version: '1' })],
        { path: `/pets/${id}/edit` },
      );
      expectRedirect(call, 'updatePet');
      updateIds.push(requestIdOf(call));
    }
    const deleteIds: string[] = [];
    for (const id of created) {
      const call = await client.action(ids.deletePet, [null, petForm({ id })], { path: `/pets/${id}` });
      expectRedirect(call, 'deletePet');
      deleteIds.push(requestIdOf(call));
    }
    const login = new HttpClient(main.server.port);
    const loginIds: string[] = [];
    for (let index = 0; index < Math.min(sizes.crud, 50); index++) {
      const form = new FormData();
      form.append('email', me.email);
      form.append('password', me.password);
      const call = await login.action(ids.login, [null, form], { path: '/login' });
      expectRedirect(call, 'login');
      loginIds.push(requestIdOf(call));
      login.jar.clear();
    }
    // Reported without a target: reads are not held to the writes' limit.
    results.push({
      ...absolute('getPet: server time', 'ms', getTimes, 50, 'reported (p95 ≤ 50 ms as for writes)'),
      met: null,
    });
    results.push(
      absolute('createPet, no photo: server time', 'ms', await resolveServerTimes(main, createIds), 50, 'p95 ≤ 50 ms'),
    );
    results.push(
      absolute('updatePet, no photo: server time', 'ms', await resolveServerTimes(main, updateIds), 50, 'p95 ≤ 50 ms'),
    );
    results.push(
      absolute('deletePet, no photo: server time', 'ms', await resolveServerTimes(main, deleteIds), 50, 'p95 ≤ 50 ms'),
    );
    results.push(absolute('login: server time', 'ms', await resolveServerTimes(main, loginIds), 300, 'p95 ≤ 300 ms'));
    return results;
  },
};
