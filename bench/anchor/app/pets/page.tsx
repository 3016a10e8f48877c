// The anchor's one page: 20 pets of one user read with pg and rendered as a plain list, on every
// request — the framework's floor for a page like /pets (no session, no styling, no client code).
import { connection } from 'next/server';
import { pool } from '../../pool';

type PetRow = { id: string; name: string; category: string; birthday: string };

export default async function PetsPage() {
  await connection();
  const { rows } = await pool().query<PetRow>(
    `select id, name, category, birthday::text as birthday from pets
     where user_id = $1 order by created_at desc, id desc limit 20`,
    [process.env.ANCHOR_USER_ID],
  );
  return (
    <main>
      <h1>Pets</h1>
      <ul>
        {rows.map((pet) => (
          <li key={pet.id}>
            <a href={`/pets/${pet.id}`}>{pet.name}</a> · {pet.category} · {pet.birthday}
          </li>
        ))}
      </ul>
    </main>
  );
}
