// Helpers of the care-record integration tests: a pet made through the real createPet action, and
// reads of a care table as the admin role (below row-level security: what is really stored).
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createPet } from '@/actions/pets';
import { db } from '@/db/client';
import type { Browser } from './next-request';

/** A new pet of `browser`'s account; its id. */
export async function petOf(browser: Browser, name = 'Rex', category = 'Dog'): Promise<string> {
  const outcome = await browser.submit(createPet, {
    name,
    category,
    birthday: '2020-05-17',
    gender: 'male',
    timezone: 'UTC',
  });
  expect(outcome.kind, JSON.stringify(outcome)).toBe('redirected');
  return new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
}

/** Every row of a care table for a pet, as stored, oldest first. */
export async function storedRows(table: 'vaccinations' | 'vet_visits', petId: string) {
  const result = (await db().execute(
    sql`select * from ${sql.identifier(table)} where pet_id = ${petId} order by created_at, id`,
  )) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

/** Fills a pet with `count` records of a care table as the admin role (fast: one statement). */
export async function fillWithRecords(table: 'vaccinations' | 'vet_visits', petId: string, count: number) {
  const [columns, label] =
    table === 'vaccinations' ? [sql`vaccine, given_on`, 'Rabies'] : [sql`reason, visited_on`, 'Check-up'];
  await db().execute(
    sql`insert into ${sql.identifier(table)} (pet_id, ${columns})
        select ${petId}::uuid, ${label}, date '2000-01-01' + n from generate_series(1, ${count}) as n`,
  );
}
