// Seeding an instance's database with SQL as the admin role (row-level security does not apply,
// and generate_series is fast): other users' pets, and the pets of one account with real image
// files in its local-disk storage. PostgreSQL only: on PGlite the server holds the database.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Instance } from './instances';

/** Runs `work` with a connection to the instance's own database as the admin role. */
export async function withAdmin<T>(instance: Instance, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: instance.databaseUrl! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `count` pets spread over `users` new accounts of other people. */
export async function seedOthers(instance: Instance, users: number, count: number): Promise<void> {
  await withAdmin(instance, async (client) => {
    const tag = randomBytes(3).toString('hex');
    await client.query(
      `insert into users (email, name) select 'other-${tag}-' || g || '@bench.example', '' from generate_series(1, $1) g`,
      [users],
    );
    await client.query(
      `with owners as (select id, row_number() over (order by id) - 1 as k from users where email like 'other-${tag}-%')
       insert into pets (user_id, name, category, birthday, gender, created_at, updated_at)
       select owners.id, 'Pet ' || g, (array['Dog','Cat','Bird','Fish'])[1 + g % 4], date '2012-01-01' + (g % 4000),
              (array['male','female','other','prefer-not-to-say'])[1 + g % 4], now() - g * interval '1 second', now()
       from generate_series(1, $1) g join owners on owners.k = g % $2`,
      [count, users],
    );
    await client.query('analyze pets');
  });
}

/** `count` pets of one user; with `photos`, each points at real small WebP images on disk. */
export async function seedMine(
  instance: Instance,
  userId: string,
  count: number,
  photos: Buffer[] | null,
): Promise<void> {
  const paths: (string | null)[] = [];
  if (photos) {
    const folder = path.join(instance.dataDir, 'storage', 'pet-images', userId, 'pets');
    mkdirSync(folder, { recursive: true });
    for (let index = 0; index < count; index++) {
      const key = `${userId}/pets/${randomUUID()}-bench-${index}.webp`;
      const photo = photos[index % photos.length]!;
      for (const file of [key, key.replace(/\.webp$/, '.thumb.webp')]) {
        const target = path.join(instance.dataDir, 'storage', 'pet-images', file);
        writeFileSync(target, photo);
        writeFileSync(
          path.join(path.dirname(target), `.${path.basename(target)}.meta.json`),
          JSON.stringify({ contentType: 'image/webp' }),
        );
      }
      paths.push(key);
    }
  }
  await withAdmin(instance, async (client) => {
    await client.query(
      `insert into pets (user_id, name, category, birthday, gender, image_path, created_at, updated_at)
       select $1, 'Mine ' || g, (array['Dog','Cat','Bird','Fish'])[1 + g % 4], date '2012-01-01' + (g % 4000),
              (array['male','female','other','prefer-not-to-say'])[1 + g % 4], ($3::text[])[g], now() - g * interval '1 second', now()
       from generate_series(1, $2) g`,
      [userId, count, photos ? paths : []],
    );
    await client.query('analyze pets');
  });
}
