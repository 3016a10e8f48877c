// The daily reminder scan at scale (FR-044, ADR 0037): on PostgreSQL, `accounts` accounts with
// `records` care records (vaccinations, medications, vet visits) and reminders on, `due` of them with
// their digest due in the coming hour; the scan (src/data/reminders/scan.ts) run at the hour's end
// selects them through user_preferences_next_digest_idx and enqueues one send-reminder-digest job each
// (pg-boss insert) — target ≤ 10 s. Prints the plan of the scan's query (an index scan, not a table
// scan) and one JSON line with the figures (bench/scenarios/reminders.ts reads it).
//   npx tsx --conditions=react-server bench/reminder-scan.ts --postgres postgres://postgres@127.0.0.1:5432/postgres
//   --database <url>   an app database already migrated (the bench's instance) instead of a new one
//   --accounts N --records N --due N   (default 100000, 1000000, 10000)
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const accounts = Number(argument('--accounts') ?? 100_000);
const records = Number(argument('--records') ?? 1_000_000);
const due = Number(argument('--due') ?? 10_000);
const LIMIT_MS = 10_000;

process.env.LOG_LEVEL = 'silent';
process.env.BETTER_AUTH_SECRET ??= 'reminder-scan-bench-secret-0123456789abcdef';
process.env.APP_URL ??= 'http://localhost:3000';

/** Accounts with reminders on (their zones varied), their pets, and `records` care records among them:
 * `due` accounts' digests fall in the coming hour, everyone else's later in the day. */
async function seed(client: pg.Client, hourEnd: Date): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  await client.query(
    `insert into users (email, name) select 'rem-${tag}-' || g || '@bench.example', '' from generate_series(1, $1) g`,
    [accounts],
  );
  await client.query(
    `insert into user_preferences (user_id, time_zone, reminders_enabled, reminder_time, next_digest_at)
     select id, (array['Europe/Berlin','America/New_York','Australia/Lord_Howe','Asia/Kathmandu'])[1 + k % 4], true, '08:00',
            case when k < $2 then $1::timestamptz - (k % 3600) * interval '1 second'
                 else $1::timestamptz + interval '1 hour' + (k % 82800) * interval '1 second' end
     from (select id, row_number() over (order by id) - 1 as k from users where email like 'rem-${tag}-%') owners`,
    [hourEnd.toISOString(), due],
  );
  await client.query(
    `insert into pets (user_id, name, category, birthday, gender)
     select id, 'Pet', 'Dog', date '2020-01-01', 'male' from users where email like 'rem-${tag}-%'`,
  );
  // The records, a third of each kind, spread over the pets.
  const third = Math.floor(records / 3);
  const petsOf = `(select id, row_number() over (order by id) - 1 as k from pets
                   where user_id in (select id from users where email like 'rem-${tag}-%')) p`;
  await client.query(
    `insert into vaccinations (pet_id, vaccine, given_on, next_due_on, remind_days_before)
     select p.id, 'Rabies', date '2026-01-01', date '2027-01-01' + (g % 365), 7
     from generate_series(1, $1) g join ${petsOf} on p.k = g % $2`,
    [third, accounts],
  );
  await client.query(
    `insert into vet_visits (pet_id, visited_on, reason, remind_days_before)
     select p.id, date '2027-01-01' + (g % 365), 'Check-up', 1
     from generate_series(1, $1) g join ${petsOf} on p.k = g % $2`,
    [third, accounts],
  );
  await client.query(
    `insert into medications (pet_id, kind, name, schedule, interval_days, start_date, time_of_day, remind_days_before)
     select p.id, 'medication', 'Tablet', 'every-n-days', 1, date '2026-01-01', '08:00', 0
     from generate_series(1, $1) g join ${petsOf} on p.k = g % $2`,
    [records - 2 * third, accounts],
  );
  for (const table of ['users', 'user_preferences', 'pets', 'vaccinations', 'vet_visits', 'medications'])
    await client.query(`analyze ${table}`);
}

async function measure(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { resetEnvForTests } = await import('@/lib/env');
  resetEnvForTests();
  const { closeDb } = await import('@/db/client');
  const { runMigrations } = await import('@/db/migrate');
  const { scanDueDigests } = await import('@/data/reminders/scan');
  const { digestKey } = await import('@/data/reminders/digest');
  const { sendJobs } = await import('@/queue/send');
  const { sendReminderDigestJob } = await import('@/queue/jobs');
  const { jobQueue, stopJobQueue } = await import('@/queue/client');
  await runMigrations();
  const boss = await jobQueue();

  const hourEnd = new Date(Date.now() + 60 * 60 * 1000);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const seeding = performance.now();
    await seed(admin, hourEnd);
    console.error(
      `seeded ${accounts} accounts, ${records} records, ${due} due in ${Math.round(performance.now() - seeding)} ms`,
    );

    // The scan's query, as app_maintenance runs it (the policy's predicate is part of the plan).
    await admin.query('begin');
    await admin.query(`select set_config('role', 'app_maintenance', true)`);
    const plan = await admin.query(
      `explain (analyze, buffers) select user_id, time_zone, reminder_time, next_digest_at from user_preferences
       where reminders_enabled and next_digest_at is not null and next_digest_at <= $1 order by next_digest_at limit 1000`,
      [hourEnd.toISOString()],
    );
    await admin.query('rollback');
    const planText = plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
    console.error(planText);

    const started = performance.now();
    const report = await scanDueDigests(
      (digests) =>
        sendJobs(
          sendReminderDigestJob,
          digests.map((digest) => ({ payload: digest, key: digestKey(digest) })),
          { queue: boss },
        ),
      hourEnd,
    );
    const ms = Math.round(performance.now() - started);
    const queued = await admin.query(`select count(*)::int as n from pgboss.job where name = 'send-reminder-digest'`);
    console.log(
      JSON.stringify({
        ms,
        limitMs: LIMIT_MS,
        due: report.due,
        queued: queued.rows[0].n,
        usesIndex: /user_preferences_next_digest_idx/.test(planText) && !/Seq Scan on user_preferences/.test(planText),
      }),
    );
  } finally {
    await admin.end();
    await stopJobQueue(1_000);
    await closeDb();
  }
}

const database = argument('--database');
const adminUrl = argument('--postgres');
if (database) await measure(database);
else if (adminUrl) {
  const name = `pet_reminder_scan_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await measure(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} else {
  console.error('usage: bench/reminder-scan.ts --postgres <admin url> | --database <app database url>');
  process.exitCode = 2;
}
