// A rolling deploy through HAProxy: release N+1 (every Server Action id changed, its own
// NEXT_DEPLOYMENT_ID) replaces the three instances one at a time under a load of 20 users — no
// request fails other than the documented retry (once at most per request, thanks to the
// balancer's affinity cookie), no acknowledged write is lost; and a browser
// holding a pet form rendered by N submits it after N+1 is fully live: the save works, or the page
// reloads with everything typed kept — never a silent loss, never a raw "Failed to find Server Action".
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNextRelease, RELEASE_DEPLOYMENT_ID, releaseActionIds } from './support/next-release';
import { errorsLogged, INSTANCE_NAMES, startCluster, type Cluster } from './support/rig';
import { startLoad } from './support/users';
import { actionIdsOf, newPetFields, register, sleep, type ActionIds, APP_ACTIONS } from './support/shared';

const USERS = 20;

let cluster: Cluster;
let browser: Browser;
let releaseDir: string;
let idsN: ActionIds;
let idsN1: ActionIds;

beforeAll(async () => {
  releaseDir = buildNextRelease(console.log);
  cluster = await startCluster();
  idsN = actionIdsOf(APP_ACTIONS) as ActionIds;
  idsN1 = releaseActionIds(APP_ACTIONS) as ActionIds;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await cluster?.dispose();
});

describe('a rolling deploy to a release with other Server Action ids', () => {
  it('under 20 users: no failed request but the documented retry; a form rendered by N still saves what was typed', async () => {
    expect(idsN1.createPet).not.toBe(idsN.createPet);

    // A person on the "add a pet" page of release N, halfway through typing.
    const signUp = cluster.client();
    const owner = await register(signUp, idsN, 'skew');
    const context = await browser.newContext();
    await context.addCookies([...signUp.jar].map(([name, value]) => ({ name, value, url: cluster.origin })));
    const page = await context.newPage();
    await page.goto(`${cluster.origin}/pets/new`);
    const typed = newPetFields('Skewed');
    await page.getByLabel('Name').fill(typed.name);
    await page.getByLabel('Category').fill(typed.category);
    await page.getByLabel('Birthday').fill(typed.birthday);
    await page.getByLabel('Gender').selectOption(typed.gender);

    const load = await startLoad(cluster, {
      users: USERS,
      ids: idsN,
      releases: { '': idsN, [RELEASE_DEPLOYMENT_ID]: idsN1 },
    });
    await sleep(3_000);
    for (const [index, name] of INSTANCE_NAMES.entries()) {
      await cluster.stop(index);
      await cluster.start(index, { buildDir: releaseDir, env: { NEXT_DEPLOYMENT_ID: RELEASE_DEPLOYMENT_ID } });
      await cluster.balancer.waitFor([name], 'UP');
    }
    await sleep(3_000);
    await load.finish();
    const lost = await load.verify();
    console.log(
      `rolling deploy under ${USERS} users: ${load.tally.requests} requests, ${load.tally.retried} retried ` +
        `(the documented retry; at most ${load.tally.mostTries} tries and ${load.tally.mostReloads} reload(s) ` +
        `for one request; ${load.tally.cut} cut off mid-answer), ` +
        `${load.tally.failures.length} failed, ${load.tally.acknowledged} pets acknowledged`,
    );
    if (load.tally.failures.length > 0) console.log(`errors the instances logged:\n${errorsLogged(cluster)}`);
    expect(load.tally.failures).toEqual([]);
    expect(lost).toEqual([]);

    // N+1 is fully live: the person presses "Add pet" on the page N rendered.
    await page.getByRole('button', { name: 'Add pet' }).click();
    await page.waitForURL(/\/pets\?created=|\/pets\/new/, { timeout: 30_000 });
    await expect
      .poll(
        async () =>
          /created=/.test(page.url()) || (await page.getByText('We restored what you typed earlier.').count()) > 0,
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect(await page.content()).not.toMatch(/Failed to find Server Action|was not found on the server/);
    const savedAtOnce = /created=/.test(page.url());
    console.log(
      `browser holding release N's form: ${savedAtOnce ? 'saved at once' : 'reloaded onto N+1 with the draft'}`,
    );
    if (!savedAtOnce) {
      // Reloaded onto N+1 with the draft: everything typed is there; saving now works.
      await expect.poll(() => page.getByLabel('Name').inputValue()).toBe(typed.name);
      expect(await page.getByLabel('Category').inputValue()).toBe(typed.category);
      expect(await page.getByLabel('Birthday').inputValue()).toBe(typed.birthday);
      expect(await page.getByLabel('Gender').inputValue()).toBe(typed.gender);
      await page.getByRole('button', { name: 'Add pet' }).click();
      await page.waitForURL(/\/pets\?created=/, { timeout: 30_000 });
    }
    const rows = await cluster.database.query<{ name: string }>('select name from pets where user_id = $1', [
      owner.userId,
    ]);
    expect(rows.map((row) => row.name)).toEqual([typed.name]);
    await context.close();
  });
});
