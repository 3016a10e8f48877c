// Who recorded a dose, in words: the account's name, or its address when it has none. The auth
// table is not app_user's, so this reads it as the owner role, by id, and only for ids the caller
// already read under row-level security (the doses of a pet they may see).
import 'server-only';
import { inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';

/** A person who has since deleted their account. */
export const FORMER_MEMBER = 'a deleted account';

export async function peopleLabels(ids: readonly (string | null)[]): Promise<Map<string | null, string>> {
  const known = [...new Set(ids.filter((id): id is string => id !== null))];
  const labels = new Map<string | null, string>([[null, FORMER_MEMBER]]);
  if (known.length === 0) return labels;
  const rows = await db()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, known));
  for (const row of rows) labels.set(row.id, row.name.trim() || row.email);
  return labels;
}
