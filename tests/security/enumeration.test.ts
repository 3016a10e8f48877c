// Account enumeration through login: an unknown email and a known email with a wrong password get
// the same status, the same body shape and message, in similar time (medians compared; fails only
// beyond 3×). Fresh emails per unknown try and several known accounts keep the limiter out of it.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { actionId, clientFor, context, Ledger } from './support/harness';
import type { HttpClient } from '../support/http';

const TRIES = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function shape(value: unknown): string {
  if (!value || typeof value !== 'object') return typeof value;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}:${shape(item)}`)
    .sort()
    .join(',')}}`;
}

describe('enumeration', () => {
  const ledger = new Ledger('Enumeration');

  it('answers an unknown email and a wrong password alike, in similar time', async () => {
    const { rateLimits } = context();
    const registrar = clientFor(null, '127.0.0.21');
    // Known accounts: each takes at most (perEmail - 1) wrong guesses, so none is ever locked.
    const perAccount = Math.max(1, rateLimits.perEmail - 1);
    const known: string[] = [];
    for (let index = 0; index < Math.ceil((TRIES + 1) / perAccount); index++) {
      const email = `known-${randomBytes(4).toString('hex')}@security.example`;
      const { outcome } = await registrar.form(
        actionId('register'),
        { email, password: `pw-${randomBytes(8).toString('hex')}` },
        { path: '/register' },
      );
      expect(outcome.kind).toBe('redirected');
      known.push(email);
    }
    const client: HttpClient = clientFor(null, '127.0.0.20');
    let knownUses = 0;
    const knownEmail = () => known[Math.floor(knownUses++ / perAccount)]!;
    const unknownEmail = () => `nobody-${randomBytes(6).toString('hex')}@security.example`;
    const attempt = async (email: string) =>
      client.form(
        actionId('login'),
        { email, password: `wrong-${randomBytes(4).toString('hex')}` },
        { path: '/login' },
      );

    // Warm-up (first hash, first query plans), not measured.
    await attempt(unknownEmail());
    await attempt(knownEmail());

    const timings = { unknown: [] as number[], known: [] as number[] };
    const seen = { unknown: new Set<string>(), known: new Set<string>() };
    for (let index = 0; index < TRIES; index++) {
      // Interleaved, so drift in the machine's load hits both alike.
      for (const kind of index % 2 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)) {
        const email = kind === 'known' ? knownEmail() : unknownEmail();
        const { response, outcome } = await attempt(email);
        timings[kind].push(response.ms);
        const value =
          outcome.kind === 'returned'
            ? (outcome.value as { success: boolean; message: string; values?: { email: string } })
            : null;
        const signature = `${response.status} ${shape(value)} ${value?.message}`;
        seen[kind].add(signature);
        ledger.attempt(
          `${kind} email → ${signature}`,
          value?.success === false && value.message === 'Email or password is incorrect',
          response,
        );
      }
    }
    expect([...seen.unknown]).toEqual([...seen.known]);
    const [unknownMedian, knownMedian] = [median(timings.unknown), median(timings.known)];
    const ratio = Math.max(unknownMedian, knownMedian) / Math.min(unknownMedian, knownMedian);
    console.log(
      `enumeration timing: unknown email median ${unknownMedian.toFixed(1)} ms, known email + wrong password median ${knownMedian.toFixed(1)} ms, ratio ${ratio.toFixed(2)}×`,
    );
    ledger.attempt(
      `timing medians ${unknownMedian.toFixed(0)} ms vs ${knownMedian.toFixed(0)} ms (ratio ${ratio.toFixed(2)}×, limit 3×)`,
      ratio <= 3,
    );
  }, 120_000);
});
