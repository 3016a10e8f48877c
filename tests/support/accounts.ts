// Test accounts: an address no other test uses (so tests never share an account or a per-email
// rate-limit counter), and an account made as a browser makes one against a running server — the
// register action over HTTP, then the session's user read back.
import { randomBytes } from 'node:crypto';
import type { HttpClient } from './http';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${Date.now()}-${randomBytes(4).toString('hex')}@example.com`;
}

export type RegisteredAccount = { email: string; password: string; userId: string };

/** Registers a new account with `client` (which keeps the session cookie) and returns it. */
export async function registerOverHttp(
  client: HttpClient,
  ids: { register: string; getCurrentUser: string },
  label = 'user',
): Promise<RegisteredAccount> {
  const email = uniqueEmail(label);
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const form = new FormData();
  form.append('email', email);
  form.append('password', password);
  const { response, outcome } = await client.action(ids.register, [null, form], { path: '/register' });
  if (outcome.kind !== 'redirected')
    throw new Error(`registering ${label} failed: ${response.status} ${response.text.slice(0, 300)}`);
  const me = await client.action(ids.getCurrentUser, [], { path: '/pets' });
  const user = me.outcome.kind === 'returned' ? (me.outcome.value as { id: string } | null) : null;
  if (!user) throw new Error(`no session after registering ${label}`);
  return { email, password, userId: user.id };
}
