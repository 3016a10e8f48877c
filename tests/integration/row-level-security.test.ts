// Row-level security on real Postgres: what user A and user B can do to each other's rows when
// the app code is taken out of the picture (raw SQL inside withUser, as app_user).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { asMaintenance } from '@/db/as-maintenance';
import { db, type Transaction } from '@/db/client';
import { users } from '@/db/schema';
import { withUser } from '@/db/with-user';
import { uniqueEmail } from '../support/accounts';

type PetSeed = { id: string; user_id: string; name: string };

async function createUser(): Promise<string> {
  const [row] = await db()
    .insert(users)
    .values({ email: uniqueEmail('rls') })
    .returning({ id: users.id });
  return row!.id;
}

async function rows<T>(tx: Transaction, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The database's own error message (Drizzle wraps it as the cause of "Failed query"). */
async function databaseError(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(error);
  }
  return 'no error';
}

const insertPet = (tx: Transaction, ownerId: string, name: string) =>
  rows<PetSeed>(
    tx,
    sql`insert into pets (user_id, name, category, birthday, gender)
    values (${ownerId}, ${name}, 'dog', '2020-01-01', 'male') returning id, user_id, name`,
  );

let alice: string;
let bob: string;
let alicePet: PetSeed;

beforeAll(async () => {
  alice = await createUser();
  bob = await createUser();
  [alicePet] = (await withUser(db(), alice, (tx) => insertPet(tx, alice, 'Rex'))) as [PetSeed];
});

describe('pets isolation between two users', () => {
  it('the owner can read, update and see their pet', async () => {
    const seen = await withUser(db(), alice, (tx) =>
      rows<PetSeed>(tx, sql`select id from pets where id = ${alicePet.id}`),
    );
    expect(seen).toHaveLength(1);
    const updated = await withUser(db(), alice, (tx) =>
      rows<PetSeed>(tx, sql`update pets set name = 'Rex II' where id = ${alicePet.id} returning id`),
    );
    expect(updated).toHaveLength(1);
  });

  it('another user selects nothing, even with no WHERE clause', async () => {
    const seen = await withUser(db(), bob, (tx) => rows<PetSeed>(tx, sql`select id, user_id from pets`));
    expect(seen.find((row) => row.id === alicePet.id)).toBeUndefined();
    expect(seen.every((row) => row.user_id === bob)).toBe(true);
  });

  it('another user updates nothing', async () => {
    const updated = await withUser(db(), bob, (tx) =>
      rows(tx, sql`update pets set name = 'stolen' where id = ${alicePet.id} returning id`),
    );
    expect(updated).toHaveLength(0);
    const [still] = await withUser(db(), alice, (tx) =>
      rows<PetSeed>(tx, sql`select name from pets where id = ${alicePet.id}`),
    );
    expect(still?.name).not.toBe('stolen');
  });

  it('another user deletes nothing', async () => {
    const deleted = await withUser(db(), bob, (tx) =>
      rows(tx, sql`delete from pets where id = ${alicePet.id} returning id`),
    );
    expect(deleted).toHaveLength(0);
    const still = await withUser(db(), alice, (tx) => rows(tx, sql`select id from pets where id = ${alicePet.id}`));
    expect(still).toHaveLength(1);
  });

  it('nobody can insert a pet in another user’s name', async () => {
    expect(await databaseError(withUser(db(), bob, (tx) => insertPet(tx, alice, 'Planted')))).toMatch(
      /row-level security/,
    );
  });

  it('a row cannot be moved to another owner', async () => {
    expect(
      await databaseError(
        withUser(db(), alice, (tx) => rows(tx, sql`update pets set user_id = ${bob} where id = ${alicePet.id}`)),
      ),
    ).toMatch(/row-level security/);
  });

  it('app_user with no user set sees nothing and can write nothing', async () => {
    const seen = await db().transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'app_user', true)`);
      return rows(tx, sql`select id from pets`);
    });
    expect(seen).toHaveLength(0);
    expect(
      await databaseError(
        db().transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'app_user', true)`);
          await insertPet(tx, alice, 'Anonymous');
        }),
      ),
    ).toMatch(/row-level security/);
  });

  it('a reused connection does not keep the previous user (settings are transaction-local)', async () => {
    await withUser(db(), alice, async () => undefined);
    const leftover = await db().transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'app_user', true)`);
      return rows<{ user_id: string | null }>(
        tx,
        sql`select nullif(current_setting('app.user_id', true), '') as user_id`,
      );
    });
    expect(leftover[0]?.user_id ?? null).toBeNull();
  });

  it('app_user cannot read the auth tables at all', async () => {
    for (const table of ['users', 'sessions', 'accounts', 'verifications', 'rate_limits']) {
      expect(
        await databaseError(withUser(db(), bob, (tx) => rows(tx, sql.raw(`select 1 from ${table} limit 1`)))),
      ).toMatch(/permission denied/);
    }
  });

  it('refuses a gender outside the contract even past the app', async () => {
    const insertRobot = withUser(db(), alice, (tx) =>
      rows(
        tx,
        sql`insert into pets (user_id, name, category, birthday, gender) values (${alice}, 'X', 'cat', '2020-01-01', 'robot')`,
      ),
    );
    expect(await databaseError(insertRobot)).toMatch(/pets_gender_check/);
  });

  it('deleting a user deletes their pets', async () => {
    const carol = await createUser();
    await withUser(db(), carol, (tx) => insertPet(tx, carol, 'Whiskers'));
    await db()
      .delete(users)
      .where(sql`${users.id} = ${carol}`);
    const [{ count }] = (await rows<{ count: number }>(
      db() as unknown as Transaction,
      sql`select count(*)::int as count from pets where user_id = ${carol}`,
    )) as [{ count: number }];
    expect(count).toBe(0);
  });
});

describe('audit events isolation', () => {
  it('a user reads only their own events and cannot write any', async () => {
    await db().execute(sql`insert into audit_events (user_id, event) values (${alice}, 'auth.login.succeeded')`);
    const bobSees = await withUser(db(), bob, (tx) =>
      rows<{ user_id: string }>(tx, sql`select user_id from audit_events`),
    );
    expect(bobSees.every((row) => row.user_id === bob)).toBe(true);
    const aliceSees = await withUser(db(), alice, (tx) =>
      rows<{ user_id: string }>(tx, sql`select user_id from audit_events`),
    );
    expect(aliceSees.length).toBeGreaterThan(0);
    expect(
      await databaseError(
        withUser(db(), alice, (tx) =>
          rows(tx, sql`insert into audit_events (user_id, event) values (${alice}, 'forged')`),
        ),
      ),
    ).toMatch(/permission denied/);
  });
});

describe('the catalog', () => {
  type TableSecurity = {
    table: string;
    rls: boolean;
    forced: boolean;
    app_user_can_access: boolean;
    has_user_id: boolean;
  };

  it('every table app_user can touch has row-level security enabled and forced', async () => {
    const tables = await rows<TableSecurity>(
      db() as unknown as Transaction,
      sql`select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            has_table_privilege('app_user', c.oid, 'select, insert, update, delete') as app_user_can_access,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped) as has_user_id
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r'`,
    );
    expect(tables.map((t) => t.table)).toContain('pets');
    for (const table of tables.filter((t) => t.app_user_can_access)) {
      expect({ table: table.table, rls: table.rls, forced: table.forced }).toEqual({
        table: table.table,
        rls: true,
        forced: true,
      });
    }
    // User-owned tables are either behind RLS or out of app_user's reach entirely.
    for (const table of tables.filter((t) => t.has_user_id)) {
      expect(table.app_user_can_access ? table.rls && table.forced : true).toBe(true);
    }
    expect(tables.find((t) => t.table === 'pets')).toMatchObject({
      rls: true,
      forced: true,
      app_user_can_access: true,
    });
  });

  it('app_user can bypass nothing', async () => {
    const [role] = await rows<{ rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }>(
      db() as unknown as Transaction,
      sql`select rolbypassrls, rolsuper, rolcanlogin from pg_roles where rolname = 'app_user'`,
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, rolcanlogin: false });
  });
});

describe('app_maintenance (resume-stalled-work, ADR 0020)', () => {
  let processing: PetSeed;

  beforeAll(async () => {
    [processing] = (await withUser(db(), bob, (tx) =>
      rows<PetSeed>(
        tx,
        sql`insert into pets (user_id, name, category, birthday, gender, photo_status, photo_original_key)
        values (${bob}, 'Waiting', 'dog', '2020-01-01', 'male', 'processing', ${`${bob}/pets/original.png`})
        returning id, user_id, name`,
      ),
    )) as [PetSeed];
  });

  it('sees photos still processing, across accounts, and no other pet', async () => {
    const seen = await asMaintenance(db(), (tx) =>
      rows<{ id: string; user_id: string }>(tx, sql`select id, user_id from pets where user_id in (${alice}, ${bob})`),
    );
    expect(seen).toEqual([{ id: processing.id, user_id: bob }]);
  });

  it('reads no column beyond those that find the work: no name, no category', async () => {
    expect(
      await databaseError(
        asMaintenance(db(), (tx) => rows(tx, sql`select name from pets where id = ${processing.id}`)),
      ),
    ).toMatch(/permission denied/);
    expect(await databaseError(asMaintenance(db(), (tx) => rows(tx, sql`select * from data_exports`)))).toMatch(
      /permission denied/,
    );
  });

  it('changes nothing: its transaction is read-only, and it has no write grant', async () => {
    expect(
      await databaseError(
        asMaintenance(db(), (tx) => rows(tx, sql`update pets set photo_status = 'failed' where id = ${processing.id}`)),
      ),
    ).toMatch(/read-only transaction/);
    expect(
      await databaseError(
        db().transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'app_maintenance', true)`);
          await tx.execute(sql`delete from pets where id = ${processing.id}`);
        }),
      ),
    ).toMatch(/permission denied/);
  });

  it('can bypass nothing, and nobody logs in as it', async () => {
    const [role] = await rows<{ rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }>(
      db() as unknown as Transaction,
      sql`select rolbypassrls, rolsuper, rolcanlogin from pg_roles where rolname = 'app_maintenance'`,
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, rolcanlogin: false });
  });
});
