// The smaller findings of issue 11 (7): a session past its absolute lifetime, deleting an account
// without its password, names made of invisible or text-direction characters, and NUL characters
// in a name, a category or the search, which must never reach the database.
import { describe, expect, it } from 'vitest';
import { actionId, db, Ledger, messageOf, newAccount } from './support/harness';

const PET = { category: 'Cat', birthday: '2020-01-01', gender: 'other', timezone: 'UTC' };

describe('smaller findings', () => {
  it('a session ends 30 days after sign-in, however recently it was used', async () => {
    const ledger = new Ledger('Session past its absolute lifetime');
    const account = await newAccount('aged', '127.0.7.1');
    await db().query("update sessions set created_at = now() - interval '31 days' where user_id = $1", [
      account.userId,
    ]);
    const me = await account.client.action(actionId('getCurrentUser'), [], { path: '/pets' });
    const page = await account.client.request('/pets');
    const refused = me.outcome.kind === 'returned' && me.outcome.value === null && page.status === 307;
    ledger.attempt(`31-day-old session → getCurrentUser ${JSON.stringify(me.outcome)}, /pets ${page.status}`, refused, [
      me.response,
      page,
    ]);
    expect(me.outcome).toEqual({ kind: 'returned', value: null });
  });

  it('deleting the account needs the password', async () => {
    const ledger = new Ledger('Account deletion without the password');
    const account = await newAccount('keeper', '127.0.7.2');
    for (const [label, fields] of [
      ['no password', { confirmEmail: account.email }],
      ['wrong password', { confirmEmail: account.email, password: 'not-the-password' }],
    ] as const) {
      const call = await account.client.form(actionId('deleteAccount'), fields, { path: '/account' });
      const { rows } = await db().query('select id from users where id = $1', [account.userId]);
      ledger.attempt(`${label} → ${call.outcome.kind}`, call.outcome.kind === 'returned' && rows.length === 1, [
        call.response,
      ]);
      expect(rows).toHaveLength(1);
    }
  });

  it('refuses invisible, text-direction and control characters in names and categories, before the database', async () => {
    const ledger = new Ledger('Invisible / bidi / NUL pet names');
    const account = await newAccount('namer', '127.0.7.3');
    const cases: [string, Record<string, string>, string][] = [
      ['zero-width space name', { name: '\u200B' }, 'Name must contain a visible character'],
      ['Hangul filler name', { name: '\u3164' }, 'Name must contain a visible character'],
      [
        'right-to-left override',
        { name: 'Rex\u202Egnp.exe' },
        'Name cannot contain control or text-direction characters',
      ],
      ['NUL in name', { name: 'Rex\u0000' }, 'Name cannot contain control or text-direction characters'],
      [
        'NUL in category',
        { name: 'Rex', category: 'Dog\u0000' },
        'Category cannot contain control or text-direction characters',
      ],
    ];
    for (const [label, fields, expected] of cases) {
      const call = await account.client.form(
        actionId('createPet'),
        { name: 'Rex', ...PET, ...fields },
        { path: '/pets/new' },
      );
      const errors =
        call.outcome.kind === 'returned'
          ? (call.outcome.value as { errors?: Record<string, string[]> }).errors
          : undefined;
      const shown = Object.values(errors ?? {}).flat();
      ledger.attempt(
        `${label} → ${shown.join('; ') || messageOf(call) || call.outcome.kind}`,
        shown.includes(expected),
        call.response,
      );
      expect(shown, label).toContain(expected);
    }
    const { rows } = await db().query('select id from pets where user_id = $1', [account.userId]);
    expect(rows).toHaveLength(0);
  });

  it('a NUL in the search is dropped, never an error page', async () => {
    const ledger = new Ledger('NUL in the search');
    const account = await newAccount('searcher', '127.0.7.4');
    const page = await account.client.request('/pets?q=%00');
    const list = await account.client.action(actionId('getPets'), [{ q: 'a\u0000' }], { path: '/pets' });
    const listed = list.outcome.kind === 'returned' && (list.outcome.value as { success: boolean }).success;
    const ok = page.status === 200 && !page.text.includes('Failed to load pets') && listed;
    ledger.attempt(`/pets?q=%00 → ${page.status}; getPets → ${JSON.stringify(list.outcome).slice(0, 80)}`, ok, [
      page,
      list.response,
    ]);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Failed to load pets');
    expect(listed).toBe(true);
  });
});
