// Users of the cluster under load, through the balancer: each reads its list and its pets' pages
// and creates pets, remembering what the site told it. The one documented retry: an answer that
// says "try again" (HAProxy's 502/503/504 page, a reset, an answer cut off mid-way) or "this
// page's form is from another release" (Next's unknown-action answer: the browser reloads the
// page, here the user loads it too and takes the action ids of the release that rendered it, told
// by the page's data-dpl-id) is retried, a create with the same submissionId (one pet however
// often). Anything else is a failed request. Each user keeps HAProxy's affinity cookie, as a browser does. At the end the
// database is compared with what each user was told: every acknowledged pet exists, no
// submission made two pets.
import { randomUUID } from 'node:crypto';
import type { Cluster } from './rig';
import {
  createdId,
  newPetFields,
  petForm,
  register,
  sleep,
  type ActionCall,
  type ActionIds,
  type HttpClient,
  type HttpResponse,
} from './shared';

export type LoadTally = {
  requests: number;
  /** Requests that met a retryable answer and were sent again (the documented retry). */
  retried: number;
  /** The most tries one request needed. */
  mostTries: number;
  /** The most "this page is from another release" answers one request met (each one a reload). */
  mostReloads: number;
  /** Of the retried, answers cut off mid-way (the instance died while sending): the browser's network error. */
  cut: number;
  /** Requests that failed for good, or answered with something a user must never see. */
  failures: string[];
  acknowledged: number;
};

/** What a user must never be shown: stack frames, internals, Next's raw skew error. */
const NEVER_SHOWN = [/\bat [\w$.<>]+ \(/, /node_modules/, /Failed to find Server Action/i, /"stack"/];

/** Next's answer to an action id this release does not have (409 "Server Action unavailable."). */
const isStaleAction = (response: HttpResponse) => response.headers['x-nextjs-action-not-found'] === '1';

const MAX_TRIES = 10;

/** The action ids of each release by its deployment id (NEXT_DEPLOYMENT_ID; '' for a build without). */
export type Releases = Record<string, ActionIds>;

/** The release that rendered a page: Next puts its deployment id on <html data-dpl-id>. */
const renderedBy = (html: string) => /<html[^>]*\sdata-dpl-id="([^"]*)"/.exec(html)?.[1] ?? '';

function isRetryable(response: HttpResponse): boolean {
  return [0, 502, 503, 504].includes(response.status) || isStaleAction(response);
}

class LoadUser {
  client: HttpClient;
  userId = '';
  email = '';
  /** submissionId → the pet id the site acknowledged. */
  readonly acknowledged = new Map<string, string>();
  /** Submissions whose outcome the user never learned (every try failed). */
  readonly unknown = new Set<string>();

  constructor(
    readonly index: number,
    readonly cluster: Cluster,
    public ids: ActionIds,
    readonly releases: Releases,
    readonly tally: LoadTally,
  ) {
    this.client = cluster.client();
  }

  private fail(what: string, response: HttpResponse): void {
    this.tally.failures.push(`user ${this.index}, ${what}: ${response.status} ${response.text.slice(0, 200)}`);
  }

  private check(what: string, response: HttpResponse): void {
    for (const pattern of NEVER_SHOWN)
      if (pattern.test(response.text)) this.fail(`${what} showed ${pattern}`, response);
  }

  /**
   * Sends, retrying retryable answers; null when every try was retryable. With the balancer's
   * affinity a request meets another release once at most (the rolling-deploy test asserts it);
   * an instance going away mid-request may add a "try again"; ten is the safety net.
   */
  private async send<T extends { response: HttpResponse }>(what: string, attempt: () => Promise<T>): Promise<T | null> {
    let reloads = 0;
    for (let tries = 1; tries <= MAX_TRIES; tries++) {
      this.tally.requests++;
      let result: T;
      try {
        result = await attempt();
      } catch {
        // The answer was cut off after it began: nothing was acknowledged, the user tries again.
        this.tally.retried++;
        this.tally.cut++;
        await sleep(150 * tries);
        continue;
      }
      this.check(what, result.response);
      if (!isRetryable(result.response)) {
        this.tally.mostTries = Math.max(this.tally.mostTries, tries);
        return result;
      }
      this.tally.retried++;
      if (isStaleAction(result.response)) {
        this.tally.mostReloads = Math.max(this.tally.mostReloads, ++reloads);
        await this.reload();
      }
      await sleep(150 * tries);
    }
    return null;
  }

  /** The browser's reload after a deploy: the form now carries the ids of the release that rendered it. */
  private async reload(): Promise<void> {
    const page = await this.client.request('/pets/new', { headers: { accept: 'text/html' } }).catch(() => null);
    if (page?.status !== 200) return;
    const release = renderedBy(page.text);
    const ids = this.releases[release];
    if (ids) this.ids = ids;
    else this.tally.failures.push(`user ${this.index}: a page from an unknown release "${release}"`);
  }

  async signUp(): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        const account = await register(this.client, this.ids, `load${this.index}`);
        this.userId = account.userId;
        this.email = account.email;
        return;
      } catch (error) {
        if (tries >= 3) throw error;
        this.client = this.cluster.client();
        await sleep(500);
      }
    }
  }

  async listPage(): Promise<void> {
    const page = await this.send('list page', () =>
      this.client.request('/pets', { headers: { accept: 'text/html' } }).then((response) => ({ response })),
    );
    if (page === null) return void this.tally.failures.push(`user ${this.index}, list page: never answered`);
    if (page.response.status !== 200 || !page.response.text.includes(this.email)) this.fail('list page', page.response);
  }

  async petPage(): Promise<void> {
    const petId = [...this.acknowledged.values()].at(-1);
    if (!petId) return this.listPage();
    const page = await this.send('pet page', () =>
      this.client.request(`/pets/${petId}`, { headers: { accept: 'text/html' } }).then((response) => ({ response })),
    );
    if (page === null) return void this.tally.failures.push(`user ${this.index}, pet page: never answered`);
    if (page.response.status !== 200) this.fail('pet page', page.response);
  }

  async create(): Promise<void> {
    const submissionId = randomUUID();
    const fields = newPetFields(`Load${this.index}`);
    const call: ActionCall | null = await this.send('createPet', () =>
      this.client.action(this.ids.createPet, [null, petForm({ ...fields, submissionId })], { path: '/pets/new' }),
    );
    const id = call ? createdId(call) : null;
    if (id) {
      this.acknowledged.set(submissionId, id);
      this.tally.acknowledged++;
      return;
    }
    this.unknown.add(submissionId);
    if (call) this.fail('createPet', call.response);
    else this.tally.failures.push(`user ${this.index}, createPet: never answered`);
  }

  async run(until: () => boolean): Promise<void> {
    while (!until()) {
      const roll = Math.random();
      if (roll < 0.35) await this.create();
      else if (roll < 0.7) await this.listPage();
      else await this.petPage();
      await sleep(50 + Math.random() * 150);
    }
  }
}

export type Load = {
  tally: LoadTally;
  /** Stops the users (after their current request) and waits for them. */
  finish: () => Promise<void>;
  /** Every acknowledged pet is in the database, no submission made two pets: the differences. */
  verify: () => Promise<string[]>;
};

/** `users` users signed up through the balancer, then running until finish(). */
export async function startLoad(
  cluster: Cluster,
  options: { users: number; ids: ActionIds; releases?: Releases },
): Promise<Load> {
  const tally: LoadTally = {
    requests: 0,
    retried: 0,
    mostTries: 0,
    mostReloads: 0,
    cut: 0,
    failures: [],
    acknowledged: 0,
  };
  const users = Array.from(
    { length: options.users },
    (_, index) => new LoadUser(index, cluster, options.ids, options.releases ?? { '': options.ids }, tally),
  );
  for (const user of users) await user.signUp();
  let stopping = false;
  const running = Promise.all(users.map((user) => user.run(() => stopping)));
  return {
    tally,
    finish: async () => {
      stopping = true;
      await running;
    },
    verify: async () => {
      const rows = await cluster.database.query<{ id: string; user_id: string; submission_id: string | null }>(
        'select id::text, user_id::text, submission_id::text from pets where user_id = any($1::uuid[])',
        [users.map((user) => user.userId)],
      );
      const differences: string[] = [];
      for (const user of users) {
        const mine = rows.filter((row) => row.user_id === user.userId);
        const stored = new Set(mine.map((row) => row.id));
        for (const [submission, id] of user.acknowledged)
          if (!stored.has(id)) differences.push(`user ${user.index}: acknowledged pet ${id} (${submission}) is lost`);
        const perSubmission = new Map<string, number>();
        for (const row of mine) {
          const key = row.submission_id ?? `(none) ${row.id}`;
          perSubmission.set(key, (perSubmission.get(key) ?? 0) + 1);
          if (!user.acknowledged.has(key) && !user.unknown.has(key))
            differences.push(`user ${user.index}: pet ${row.id} was never submitted`);
        }
        for (const [submission, count] of perSubmission)
          if (count > 1) differences.push(`user ${user.index}: submission ${submission} made ${count} pets`);
      }
      return differences;
    },
  };
}
