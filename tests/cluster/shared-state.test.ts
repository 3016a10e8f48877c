// Three instances started together on an empty database, then used through HAProxy as a user
// would: migrations applied once, a session from one instance good on all, a signed S3 upload
// URL from one instance finalized through another, the login limit and a per-user limit (upload
// URLs) counted across instances, and the same create posted to two instances at once making one pet.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../support/images';
import { INSTANCE_NAMES, requestsLogged, startCluster, type Cluster } from './support/rig';
import {
  actionIdsOf,
  allActionIds,
  createdId,
  HttpClient,
  newPetFields,
  petForm,
  register,
  sleep,
  type ActionIds,
  type HttpResponse,
  APP_ACTIONS,
} from './support/shared';

const LOGIN_LIMIT = 5;
const UPLOAD_URL_LIMIT = 4;
const TOO_MANY = /^Too many attempts\. Try again in \d+ seconds?\.$/;

let cluster: Cluster;
let ids: ActionIds;

/** A client straight to one instance, bypassing the balancer (the Host and Origin stay the site's). */
const direct = (port: number, localAddress = '127.0.0.1') =>
  new HttpClient(port, localAddress, new URL(cluster.origin).host);

const servedBy = (response: HttpResponse) => String(response.headers['x-pawprint-instance']);

beforeAll(async () => {
  cluster = await startCluster({
    env: {
      RATE_LIMIT_LOGIN_PER_EMAIL: String(LOGIN_LIMIT),
      RATE_LIMIT_WINDOW_SECONDS: '600',
      RATE_LIMIT_UPLOAD_URLS_PER_MINUTE: String(UPLOAD_URL_LIMIT),
    },
  });
  console.log(`cluster: three instances on an empty database answered in ${cluster.startedInMs} ms`);
  ids = actionIdsOf(APP_ACTIONS);
});

afterAll(async () => {
  await cluster?.dispose();
});

describe('three instances behind HAProxy', () => {
  it('started together on an empty database: all up, none crashed, each migration applied once', async () => {
    for (const instance of cluster.instances) expect(instance.server?.process.exitCode ?? null).toBeNull();
    expect(await cluster.balancer.statuses()).toEqual({ app1: 'UP', app2: 'UP', app3: 'UP' });
    const journal = JSON.parse(
      readFileSync(path.join(process.cwd(), 'src/db/migrations/meta/_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const applied = await cluster.database.query<{ total: string; distinct_hashes: string }>(
      'select count(*) as total, count(distinct hash) as distinct_hashes from drizzle.__drizzle_migrations',
    );
    expect(Number(applied[0]!.total)).toBe(journal.entries.length);
    expect(Number(applied[0]!.distinct_hashes)).toBe(journal.entries.length);
  });

  it('a user signed in through one instance works through all: pages, Server Actions, a signed upload', async () => {
    const first = cluster.client();
    const account = await register(first, ids, 'everywhere');
    // Every request goes to the next instance: the same account is served by each just the same.
    const user = cluster.client('127.0.0.1');
    const login = await user.form(ids.login, { email: account.email, password: account.password }, { path: '/login' });
    expect(login.outcome.kind).toBe('redirected');
    const signedInBy = servedBy(login.response);

    const pagesBy = new Set<string>();
    for (let index = 0; index < 6; index++) {
      const page = await user.request('/pets', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.text).toContain(account.email);
      pagesBy.add(servedBy(page));
    }
    expect([...pagesBy].sort()).toEqual([...INSTANCE_NAMES]);

    const actionsBy = new Set<string>();
    for (let index = 0; index < 3; index++) {
      const call = await user.action(ids.createPet, [null, petForm({ ...newPetFields(`Everywhere${index}`) })], {
        path: '/pets/new',
      });
      expect(createdId(call), JSON.stringify(call.outcome)).not.toBeNull();
      actionsBy.add(servedBy(call.response));
    }
    expect([...actionsBy].sort()).toEqual([...INSTANCE_NAMES]);

    // The upload URL signed by one instance, the upload to S3, the pet made through another one.
    const photo = await png(640, 480);
    const signed = await user.action(
      ids.generateImageUploadUrl,
      [{ filename: 'cat.png', fileType: 'image/png', fileSize: photo.length }],
      { path: '/pets/new' },
    );
    const value = signed.outcome.kind === 'returned' ? (signed.outcome.value as Record<string, unknown>) : {};
    expect(value.success, JSON.stringify(signed.outcome)).toBe(true);
    const uploadUrl = String(value.uploadUrl);
    expect(uploadUrl.startsWith(cluster.env.S3_ENDPOINT!)).toBe(true);
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      body: new Uint8Array(photo),
      headers: { 'content-type': 'image/png', ...(value.headers as Record<string, string> | undefined) },
    });
    expect(put.status).toBe(200);
    const create = await user.action(
      ids.createPet,
      [null, petForm({ ...newPetFields('Photographed'), storagePath: String(value.storagePath) })],
      { path: '/pets/new' },
    );
    expect(servedBy(create.response)).not.toBe(servedBy(signed.response));
    const petId = createdId(create);
    expect(petId, JSON.stringify(create.outcome)).not.toBeNull();
    // The worker process makes the display image after the save (ADR 0016): the pet page, from any
    // instance, shows it once it is ready.
    let imageUrl: string | undefined;
    await expect
      .poll(
        async () => {
          const detail = await user.request(`/pets/${petId}`, { headers: { accept: 'text/html' } });
          expect(detail.status).toBe(200);
          imageUrl = /src="(http:\/\/127\.0\.0\.1:\d+\/[^"]+)"/.exec(detail.text)?.[1]?.replaceAll('&amp;', '&');
          return imageUrl;
        },
        { message: 'the pet page shows the photo from S3', timeout: 60_000, interval: 500 },
      )
      .toBeDefined();
    const image = await fetch(imageUrl!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect(signedInBy).toMatch(/^app[123]$/);
  });

  it('the login limit trips at the same count on one instance as spread over three', async () => {
    const attemptsUntilRefused = async (client: HttpClient, email: string) => {
      for (let attempt = 1; attempt <= LOGIN_LIMIT + 3; attempt++) {
        const call = await client.form(
          ids.login,
          { email, password: `wrong-${randomBytes(4).toString('hex')}` },
          { path: '/login' },
        );
        const message =
          call.outcome.kind === 'returned' ? String((call.outcome.value as { message?: string }).message) : '';
        if (TOO_MANY.test(message)) return attempt;
      }
      return Number.POSITIVE_INFINITY;
    };
    const one = await register(cluster.client('127.0.0.21'), ids, 'limited-one');
    const spread = await register(cluster.client('127.0.0.22'), ids, 'limited-spread');

    const app1 = cluster.instances[0]!;
    const onOne = await attemptsUntilRefused(direct(app1.port, '127.0.0.23'), one.email);
    const before = cluster.instances.map((instance) => requestsLogged(instance, '/login'));
    const overThree = await attemptsUntilRefused(cluster.client('127.0.0.24'), spread.email);
    const after = cluster.instances.map((instance) => requestsLogged(instance, '/login'));

    expect(onOne).toBe(LOGIN_LIMIT + 1);
    expect(overThree).toBe(onOne);
    // The attempts through the balancer really went to all three instances.
    for (const [index, count] of after.entries()) expect(count - before[index]!).toBeGreaterThan(0);
  });

  it('the per-user limit of upload URLs trips at the same count on one instance as spread over three', async () => {
    const uploadsUntilRefused = async (client: HttpClient) => {
      const servedBy = new Set<string>();
      for (let attempt = 1; attempt <= UPLOAD_URL_LIMIT + 3; attempt++) {
        const call = await client.action(
          ids.generateImageUploadUrl,
          [{ filename: 'cat.png', fileType: 'image/png', fileSize: 2_000 }],
          { path: '/pets/new' },
        );
        servedBy.add(String(call.response.headers['x-pawprint-instance']));
        const value =
          call.outcome.kind === 'returned' ? (call.outcome.value as { success?: boolean; message?: string }) : {};
        if (value.success === false) {
          expect(value.message).toMatch(/^You've reached the limit of \d+ photo uploads per minute/);
          return { attempt, servedBy };
        }
        expect(value.success, JSON.stringify(call.outcome)).toBe(true);
      }
      return { attempt: Number.POSITIVE_INFINITY, servedBy };
    };
    const one = cluster.client('127.0.0.31');
    await register(one, ids, 'uploads-one');
    const spread = cluster.client('127.0.0.32');
    await register(spread, ids, 'uploads-spread');

    const onApp1 = direct(cluster.instances[0]!.port, '127.0.0.31');
    for (const [name, value] of one.jar) onApp1.jar.set(name, value);
    const onOne = await uploadsUntilRefused(onApp1);
    const overThree = await uploadsUntilRefused(spread);

    expect(onOne.attempt).toBe(UPLOAD_URL_LIMIT + 1);
    expect(overThree.attempt).toBe(onOne.attempt);
    expect([...overThree.servedBy].sort()).toEqual([...INSTANCE_NAMES]);
  });

  it('the same create posted to two instances at once makes one pet', async () => {
    const owner = cluster.client();
    const account = await register(owner, ids, 'twice');
    const submissionId = randomUUID();
    const fields = newPetFields('Once');
    const post = (port: number) => {
      const client = direct(port);
      for (const [name, value] of owner.jar) client.jar.set(name, value);
      return client.action(ids.createPet, [null, petForm({ ...fields, submissionId })], { path: '/pets/new' });
    };
    const [a, b] = await Promise.all([post(cluster.instances[0]!.port), post(cluster.instances[1]!.port)]);
    const created = [createdId(a), createdId(b)];
    expect(created[0], JSON.stringify(a.outcome)).not.toBeNull();
    expect(created[1], JSON.stringify(b.outcome)).toBe(created[0]);
    const rows = await cluster.database.query<{ id: string }>(
      'select id::text from pets where user_id = $1 and submission_id = $2',
      [account.userId, submissionId],
    );
    expect(rows.map((row) => row.id)).toEqual([created[0]]);
  });

  it('a calendar feed through the balancer: served by every instance, and its secret is in no log', async () => {
    const user = cluster.client();
    await register(user, ids, 'calendar');
    const form = new FormData();
    form.append('intent', 'new-link');
    const issued = await user.action(allActionIds()['src/actions/calendar-feed.ts#changeCalendarFeed']!, [null, form], {
      path: '/account',
    });
    const link = (issued.outcome as { value: { link?: { https: string } } }).value.link!.https;
    const feed = new URL(link);
    expect(feed.origin).toBe(cluster.origin);
    const token = feed.searchParams.get('token')!;
    const calendarApp = cluster.client();
    const servedFeedBy = new Set<string>();
    for (let index = 0; index < 3; index++) {
      const response = await calendarApp.request(`${feed.pathname}${feed.search}`);
      expect(response.status).toBe(200);
      expect(response.text).toMatch(/^BEGIN:VCALENDAR/);
      servedFeedBy.add(servedBy(response));
    }
    expect([...servedFeedBy].sort()).toEqual([...INSTANCE_NAMES]);
    // The balancer's and the instances' logs: the request is there, its token is not.
    await sleep(500);
    const logs = readdirSync(cluster.workDir)
      .filter((name) => name.endsWith('.log'))
      .map((name) => [name, readFileSync(path.join(cluster.workDir, name), 'utf8')] as const);
    expect(logs.find(([name]) => name === 'haproxy.log')?.[1]).toContain('/calendar.ics');
    for (const [name, text] of logs) expect(text.includes(token), `${name} holds the feed's token`).toBe(false);
  });
});
