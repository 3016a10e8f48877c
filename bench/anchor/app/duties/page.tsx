// The same-duties anchor: every per-request duty of /pets with the least code, and nothing else —
// the CSP nonce (../../proxy.tsx), the session looked up in the sessions table from the signed
// cookie (the app's own cookie check), the 20 rows read in a transaction under row-level security
// (role app_user and app.user_id, as src/db/with-user.ts), a display and a thumbnail URL signed per
// pet by the app's own local-disk signer (40), rendered as plain server HTML.
import { headers } from 'next/headers';
import { singleCookieValue, verifiedSessionToken } from '../../../../src/data/session-cookie';
import { LocalDiskStorage } from '../../../../src/storage/local-disk';
import { pool } from '../../pool';

type PetRow = {
  id: string;
  name: string;
  category: string;
  birthday: string;
  image_path: string | null;
  total: string;
};

const SESSION_COOKIE = 'better-auth.session_token';
const VIEW_URL_SECONDS = 60 * 60;
const secret = process.env.ANCHOR_AUTH_SECRET ?? '';
let signer: LocalDiskStorage | undefined;

async function sessionUserId(cookieHeader: string | null): Promise<string> {
  const signed = cookieHeader ? singleCookieValue(cookieHeader, SESSION_COOKIE) : null;
  const token = signed === null ? null : verifiedSessionToken(signed, secret);
  const { rows } = token
    ? await pool().query<{ id: string }>(
        `select users.id from sessions join users on users.id = sessions.user_id
         where sessions.token = $1 and sessions.expires_at > now() limit 1`,
        [token],
      )
    : { rows: [] };
  if (!rows[0]) throw new Error('no live session');
  return rows[0].id;
}

async function petsOf(userId: string): Promise<PetRow[]> {
  const client = await pool().connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('role', 'app_user', true), set_config('app.user_id', $1, true)`, [userId]);
    const { rows } = await client.query<PetRow>(
      `select id, name, category, birthday::text as birthday, image_path,
              (select count(*) from pets where user_id = $1) as total
       from pets where user_id = $1 order by created_at desc, id desc limit 20`,
      [userId],
    );
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

async function photoUrls(imagePath: string | null): Promise<{ image: string; thumbnail: string } | null> {
  if (!imagePath) return null;
  signer ??= new LocalDiskStorage({ root: '.', publicBaseUrl: '/api/storage', secret });
  const [image, thumbnail] = await Promise.all([
    signer.createDownloadUrl(imagePath, { expiresInSeconds: VIEW_URL_SECONDS }),
    signer.createDownloadUrl(imagePath.replace(/\.webp$/, '.thumb.webp'), { expiresInSeconds: VIEW_URL_SECONDS }),
  ]);
  return { image, thumbnail };
}

export default async function SameDutiesPage() {
  const userId = await sessionUserId((await headers()).get('cookie'));
  const rows = await petsOf(userId);
  const pets = await Promise.all(rows.map(async (pet) => ({ ...pet, photo: await photoUrls(pet.image_path) })));
  return (
    <main>
      <h1>My pets</h1>
      <p>{rows[0]?.total ?? 0} pets</p>
      <ul>
        {pets.map((pet) => (
          <li key={pet.id}>
            {pet.photo ? (
              <a href={pet.photo.image}>
                {/* Plain HTML, as the issue asks: the signed URL as it is, no image optimizer. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={pet.photo.thumbnail} alt="" width={64} height={64} loading="lazy" />
              </a>
            ) : null}
            <a href={`/pets/${pet.id}`}>{pet.name}</a> · {pet.category} · {pet.birthday}
          </li>
        ))}
      </ul>
    </main>
  );
}
