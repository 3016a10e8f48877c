// `npm run db:seed`: the demo account (scripts/seed/demo-account.ts), for trying the app or taking
// screenshots. Idempotent: running it again resets the demo account's pets and their records.
// `npm run db:seed -- --time-zone=America/New_York` gives the account another zone than Europe/London.
import { parseArgs } from 'node:util';
import { closeDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { canonicalTimeZone } from '@/lib/time-zones';
import { seedDemoAccount } from './seed/demo-account';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_PETS, DEMO_TIME_ZONE } from './seed/demo-details';

const { values } = parseArgs({ options: { 'time-zone': { type: 'string', default: DEMO_TIME_ZONE } } });
const timeZone = canonicalTimeZone(values['time-zone']);
if (!timeZone) {
  console.error(`Unknown time zone "${values['time-zone']}": give an IANA name such as Europe/London.`);
  process.exit(1);
}

await runMigrations();
await seedDemoAccount({ timeZone });
await closeDb();
console.log(
  `Seeded ${DEMO_PETS.length} pets, a year of care records for the dogs and cats (time zone ${timeZone}). ` +
    `Sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`,
);
