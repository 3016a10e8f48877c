// The pet page with its health records (issue 22): a pet with 200 records of each kind —
// vaccinations, medications (each with recorded doses), vet visits, weights — against a pet with
// none, both the bench account's, on the same server, requested alternately (so both see the same
// load); timed by the server's own request log. Target: ≤ 1.2× the empty pet's page (median).
import { randomUUID } from 'node:crypto';
import { resolveServerTimes } from '../calls';
import { log, type Scenario } from '../context';
import { relative, report, type Result } from '../lib';
import { withAdmin } from '../seed';

export const RECORDS_PER_KIND = 200;
/** Recorded doses per medication: a schedule that has run for a while. */
const DOSES_PER_MEDICATION = 10;
const PAGE_FACTOR = 1.2;

/** A pet of `userId` with `records` of each kind of care record, as SQL (the admin role). */
async function seedPet(main: Parameters<typeof withAdmin>[0], userId: string, name: string, records: number) {
  return withAdmin(main, async (client) => {
    const petId = randomUUID();
    await client.query(
      `insert into pets (id, user_id, name, category, birthday, gender) values ($1, $2, $3, 'Dog', '2019-04-01', 'female')`,
      [petId, userId, name],
    );
    if (records === 0) return petId;
    // Dates spread over the past years; every tenth vaccination due within the month (a status to show).
    await client.query(
      `insert into vaccinations (pet_id, created_by, vaccine, given_on, next_due_on, clinic)
       select $1, $2, (array['Rabies','DHPP','Leptospirosis','Bordetella'])[1 + g % 4] || ' ' || (g / 4),
              current_date - 30 - g * 7, current_date - 30 - g * 7 + 365 + (g % 10) * 30, 'Riverside Vets'
       from generate_series(1, $3) g`,
      [petId, userId, records],
    );
    await client.query(
      `insert into vet_visits (pet_id, created_by, visited_on, reason, clinic, cost_cents)
       select $1, $2, current_date - g * 9, 'Check-up ' || g, 'Riverside Vets', 4500 + g
       from generate_series(1, $3) g`,
      [petId, userId, records],
    );
    await client.query(
      `insert into weight_records (pet_id, created_by, weighed_on, grams)
       select $1, $2, current_date - g * 5, 20000 + (g % 50) * 10 from generate_series(1, $3) g`,
      [petId, userId, records],
    );
    await client.query(
      `insert into medications (pet_id, created_by, kind, name, dose, schedule, interval_days, start_date, time_of_day, next_dose_at)
       select $1, $2, 'medication', 'Tablet ' || g, '1 tablet', 'every-n-days', 1 + g % 3, current_date - 60, '08:00', now()
       from generate_series(1, $3) g`,
      [petId, userId, records],
    );
    await client.query(
      `insert into medication_doses (medication_id, scheduled_at, status, recorded_by)
       select m.id, (current_date - d * 3)::timestamp + time '08:00', 'given', $2
       from medications m cross join generate_series(1, $3) d where m.pet_id = $1`,
      [petId, userId, DOSES_PER_MEDICATION],
    );
    for (const table of ['vaccinations', 'vet_visits', 'weight_records', 'medications', 'medication_doses'])
      await client.query(`analyze ${table}`);
    return petId;
  });
}

export const petPageScenario: Scenario = {
  key: 'petpage',
  title: 'pet page with health records',
  onPglite: false,
  async run({ main, me }, { sizes }) {
    const empty = await seedPet(main, me.userId, 'Bench empty', 0);
    const full = await seedPet(main, me.userId, 'Bench full', RECORDS_PER_KIND);
    const headers = { accept: 'text/html' };
    const page = async (petId: string) => {
      const response = await me.client.request(`/pets/${petId}`, { headers });
      if (response.status !== 200) throw new Error(`/pets/${petId}: ${response.status}`);
      return { id: String(response.headers['x-request-id']), kb: response.body.length / 1024 };
    };
    for (let index = 0; index < sizes.warmup; index++) for (const petId of [empty, full]) await page(petId);
    const ids: [string[], string[]] = [[], []];
    let fullKb = 0;
    let emptyKb = 0;
    for (let index = 0; index < sizes.iterations; index++) {
      const none = await page(empty);
      const many = await page(full);
      ids[0].push(none.id);
      ids[1].push(many.id);
      [emptyKb, fullKb] = [none.kb, many.kb];
    }
    const [noneTimes, manyTimes] = await Promise.all(ids.map((list) => resolveServerTimes(main, list)));
    log(
      `pet page HTML: ${Math.round(emptyKb)} KB with no records, ${Math.round(fullKb)} KB with ${RECORDS_PER_KIND} of each`,
    );
    const results: Result[] = [
      relative(
        `pet page with ${RECORDS_PER_KIND} records of each kind vs none (server time)`,
        'ms',
        manyTimes!,
        noneTimes!,
        PAGE_FACTOR,
        `≤ ${PAGE_FACTOR}× the pet page with none (median)`,
        'median',
      ),
      report(
        `pet page HTML with ${RECORDS_PER_KIND} records of each kind vs none`,
        'KB',
        [Math.round(fullKb * 10) / 10],
        Math.round(emptyKb * 10) / 10,
        'reported (limit: the page with none)',
      ),
    ];
    return results;
  },
};
