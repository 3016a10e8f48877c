// The calendar feed as a calendar app and an attacker meet it: the link is shown once, the feed
// parses with an independent iCalendar parser (ical.js), holds the account's own pets only, and a
// replaced or turned-off link answers 404 at once.
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { changeCalendarFeed, type CalendarFeedResult } from '@/actions/calendar-feed';
import { updatePreferences } from '@/actions/account';
import { createMedication } from '@/actions/medications';
import { createVaccination } from '@/actions/vaccinations';
import { createVetVisit } from '@/actions/visits';
import { createPet } from '@/actions/pets';
import { GET as calendarFeed } from '@/app/calendar.ics/route';
import { stopJobQueue } from '@/queue/client';
import { Browser, returned } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

afterAll(async () => {
  await stopJobQueue(1_000);
});

async function addPet(browser: Browser, name: string, birthday: string): Promise<string> {
  const outcome = await browser.submit(createPet, {
    name,
    category: 'Dog',
    birthday,
    gender: 'female',
    timezone: 'UTC',
  });
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
}

async function newLink(browser: Browser): Promise<string> {
  const result: CalendarFeedResult = returned(await browser.submit(changeCalendarFeed, { intent: 'new-link' }));
  expect(result).toMatchObject({
    success: true,
    message: 'Your calendar link is ready. Copy it now: for your safety it is shown only once.',
  });
  expect(result.link!.webcal).toBe(result.link!.https.replace(/^https?:/, 'webcal:'));
  return result.link!.https;
}

/** What a calendar app gets from the link (a request from nowhere in particular: no cookies). */
async function fetchFeed(link: string): Promise<Response> {
  const url = new URL(link);
  const outcome = await new Browser().call(() =>
    calendarFeed(new Request(`http://localhost${url.pathname}${url.search}`)),
  );
  return returned(outcome);
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

let alice: SignedInBrowser;
let bob: SignedInBrowser;

describe('the calendar feed', () => {
  it('is off until turned on; the link is shown once and serves an iCalendar of the own pets only', async () => {
    alice = await signedIn('feed-alice');
    bob = await signedIn('feed-bob');
    await addPet(alice, 'Rex', '2020-05-17');
    await addPet(alice, 'Leap', '2024-02-29');
    await addPet(bob, 'BobsCat', '2019-01-01');

    const link = await newLink(alice);
    const response = await fetchFeed(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const events = parse(await response.text());
    expect(events.map((event) => event.summary).sort()).toEqual(["Leap's birthday", "Rex's birthday"]);

    const rex = events.find((event) => event.summary === "Rex's birthday")!;
    expect(rex.startDate.isDate).toBe(true);
    const next = rex.iterator();
    const firstThree = [next.next(), next.next(), next.next()].map((time) => time!.toString());
    expect(firstThree).toEqual(['2020-05-17', '2021-05-17', '2022-05-17']);

    // Born on 29 February: the last day of February in other years, 29 February in leap years.
    const leap = events.find((event) => event.summary === "Leap's birthday")!;
    const leapYears = leap.iterator();
    expect(
      [leapYears.next(), leapYears.next(), leapYears.next(), leapYears.next(), leapYears.next()].map(String),
    ).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('a new link stops the old one at once; turning the feed off stops the new one', async () => {
    const first = await newLink(alice);
    const second = await newLink(alice);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);

    expect(returned(await alice.submit(changeCalendarFeed, { intent: 'off' }))).toEqual({
      success: true,
      message: 'Calendar feed turned off. Its link no longer works.',
    });
    expect((await fetchFeed(second)).status).toBe(404);
  });

  it.each([
    ['no token', '/calendar.ics'],
    ['a made-up token', `/calendar.ics?token=${'A'.repeat(43)}`],
    ['a malformed token', "/calendar.ics?token=' or 1=1 --"],
    ['a very long token', `/calendar.ics?token=${'x'.repeat(5000)}`],
  ])('%s: 404, no calendar', async (_label, path) => {
    const response = await fetchFeed(`http://localhost${path}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not Found');
  });

  it('follows the account: another zone changes no all-day date; an unknown intent changes nothing', async () => {
    const link = await newLink(bob);
    returned(await bob.submit(updatePreferences, { timeZone: 'Pacific/Kiritimati', weightUnit: 'kg' }));
    const [birthday] = parse(await (await fetchFeed(link)).text());
    expect(birthday!.startDate.toString()).toBe('2019-01-01');

    expect(returned(await bob.submit(changeCalendarFeed, { intent: 'delete-everything' }))).toMatchObject({
      success: false,
    });
    expect((await fetchFeed(link)).status).toBe(200);
  });

  it('signed out: sent to sign in, nothing changes', async () => {
    expect(await new Browser().submit(changeCalendarFeed, { intent: 'new-link' })).toEqual({
      kind: 'redirected',
      location: '/login?redirect=%2Faccount',
    });
  });

  it('holds the care dates: the due shot, the visit, and a daily dose at 08:00 Berlin time on both sides of a DST change', async () => {
    const carol = await signedIn('feed-carol');
    returned(await carol.submit(updatePreferences, { timeZone: 'Europe/Berlin', weightUnit: 'kg' }));
    const pet = await addPet(carol, 'Mia', '2021-04-01');
    const saved = (outcome: { kind: string }) => expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
    // An older rabies shot (superseded: no entry) and the latest one, due in three years.
    saved(
      await carol.submit(createVaccination, {
        petId: pet,
        vaccine: 'Rabies',
        givenOn: '2022-03-03',
        nextDueInterval: '1y',
      }),
    );
    saved(
      await carol.submit(createVaccination, {
        petId: pet,
        vaccine: 'Rabies',
        givenOn: '2026-03-03',
        nextDueInterval: '3y',
      }),
    );
    // A DHPP shot with a due date, then a newer one without: the newer decides, so no DHPP entry.
    saved(
      await carol.submit(createVaccination, {
        petId: pet,
        vaccine: 'DHPP',
        givenOn: '2024-05-01',
        nextDueInterval: '1y',
      }),
    );
    saved(await carol.submit(createVaccination, { petId: pet, vaccine: 'DHPP', givenOn: '2026-01-10' }));
    saved(
      await carol.submit(createVetVisit, {
        petId: pet,
        visitedOn: '2026-03-20',
        reason: 'Check-up',
        clinic: 'Town Vets',
      }),
    );
    saved(
      await carol.submit(createMedication, {
        petId: pet,
        kind: 'medication',
        name: 'Apoquel',
        dose: '1 tablet',
        schedule: 'every-n-days',
        intervalDays: '1',
        startDate: '2026-03-27',
        endDate: '2026-03-31',
        timeOfDay: '08:00',
        notes: '',
      }),
    );

    const events = parse(await (await fetchFeed(await newLink(carol))).text());
    const byUid = (prefix: string) => events.filter((event) => event.uid.startsWith(prefix));
    expect(byUid('vaccination-').map((event) => [event.summary, event.startDate.toString()])).toEqual([
      ['Rabies due: Mia', '2029-03-03'],
    ]);
    expect(byUid('visit-').map((event) => [event.summary, event.startDate.toString()])).toEqual([
      ['Vet visit: Mia (Check-up)', '2026-03-20'],
    ]);

    const [dose] = byUid('medication-');
    expect(dose!.summary).toBe('Mia: Apoquel (1 tablet)');
    expect(dose!.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    // Every occurrence, read back by the parser in UTC: 07:00Z in winter, 06:00Z from 29 March (CEST).
    const occurrences: string[] = [];
    const iterator = dose!.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) occurrences.push(next.toJSDate().toISOString());
    expect(occurrences).toEqual([
      '2026-03-27T07:00:00.000Z',
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
    ]);
  });
});
