// Rotating client addresses to escape the per-address limits. An IPv6 client is handed at least a
// /64, so every address in it is the same client: one bucket for the whole /64. IPv4 stays per
// address, and an IPv4-mapped IPv6 address is its IPv4 address. A server of its own behind a
// declared proxy (TRUSTED_PROXY_HOPS=1), so that the client address comes from X-Forwarded-For.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { context, Ledger, messageOf } from './support/harness';
import { startOwnServer, type OwnServer } from './support/own-server';

const LINK_SENT = "If an account exists for that address, we've sent a link. It works for 1 hour.";
/** The default: 10 reset requests per address per 5 minutes. */
const PER_ADDRESS = 10;

let server: OwnServer;

beforeAll(async () => {
  server = await startOwnServer('addresses', { TRUSTED_PROXY_HOPS: '1' });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

async function askForReset(from: string): Promise<string> {
  const id = context().allActions['src/actions/recovery.ts#requestPasswordReset']!;
  const email = `nobody-${randomBytes(4).toString('hex')}@security.example`;
  const call = await server
    .client()
    .form(id, { email }, { path: '/forgot-password', headers: { 'x-forwarded-for': from } });
  return messageOf(call);
}

describe('per-address buckets', () => {
  it('an IPv6 client rotating addresses within its /64 shares one bucket', async () => {
    const ledger = new Ledger('Address rotation within an IPv6 /64');
    const answers: string[] = [];
    for (let index = 1; index <= PER_ADDRESS + 2; index++)
      answers.push(await askForReset(`2001:db8:5:6:${index.toString(16)}:0:0:${randomBytes(2).toString('hex')}`));
    const refused = answers.filter((answer) => answer.startsWith('Too many attempts')).length;
    ledger.attempt(`${answers.length} requests from one /64 → ${refused} refused`, refused === 2);
    expect(answers.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill(LINK_SENT));
    expect(refused).toBe(2);
    // Another /64 is another client.
    expect(await askForReset('2001:db8:5:7::1')).toBe(LINK_SENT);
  });

  it('IPv4 stays per address, and an IPv4-mapped address is its IPv4 address', async () => {
    for (let index = 0; index < PER_ADDRESS; index++) expect(await askForReset('203.0.113.7')).toBe(LINK_SENT);
    expect(await askForReset('::ffff:203.0.113.7')).toMatch(/^Too many attempts/);
    expect(await askForReset('203.0.113.8')).toBe(LINK_SENT);
  });
});
