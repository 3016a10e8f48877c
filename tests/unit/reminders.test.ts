// When the daily digest is next due (ADR 0037), with fixed instants and real IANA zones: the local time
// kept across DST changes (Berlin, New York, Lord Howe's half hour, Kathmandu's +5:45), a time the change
// skips or repeats, an account that changes its zone; and the lead-time window of a record.
import { describe, expect, it } from 'vitest';
import { isInLeadTime, nextDigestAt } from '@/lib/reminders';

const at = (iso: string) => new Date(iso);
const next = (time: string, zone: string, now: string) => nextDigestAt(time, zone, at(now)).toISOString();

describe('nextDigestAt', () => {
  it('is later today when the time is still ahead, else tomorrow', () => {
    // 07:00 in Berlin (CET, +1) on 10 January: 08:00 is still ahead.
    expect(next('08:00', 'Europe/Berlin', '2026-01-10T06:00:00Z')).toBe('2026-01-10T07:00:00.000Z');
    // 09:00 in Berlin: tomorrow's 08:00.
    expect(next('08:00', 'Europe/Berlin', '2026-01-10T08:00:00Z')).toBe('2026-01-11T07:00:00.000Z');
  });

  it('is strictly after now: at the digest instant itself, the next is tomorrow', () => {
    expect(next('08:00', 'Europe/Berlin', '2026-01-10T07:00:00Z')).toBe('2026-01-11T07:00:00.000Z');
  });

  it('keeps 08:00 local across the spring-forward change in Berlin (CET → CEST)', () => {
    // Saturday 28 March 2026, 09:00 CET; Sunday's 08:00 is CEST (+2).
    expect(next('08:00', 'Europe/Berlin', '2026-03-28T08:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
  });

  it('moves a time the spring-forward change skips forward by the gap (Berlin 02:30 → 03:30 CEST)', () => {
    expect(next('02:30', 'Europe/Berlin', '2026-03-28T12:00:00Z')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of a time the fall-back change repeats (Berlin 02:30 CEST)', () => {
    expect(next('02:30', 'Europe/Berlin', '2026-10-24T12:00:00Z')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('keeps 08:00 local across the change in New York (EST → EDT)', () => {
    // Saturday 7 March 2026, 09:00 EST; Sunday's 08:00 is EDT (−4).
    expect(next('08:00', 'America/New_York', '2026-03-07T14:00:00Z')).toBe('2026-03-08T12:00:00.000Z');
    // And back in November: Sunday 1 November's 08:00 is EST (−5).
    expect(next('08:00', 'America/New_York', '2026-10-31T13:00:00Z')).toBe('2026-11-01T13:00:00.000Z');
  });

  it("follows Lord Howe's half-hour change: 02:15 does not exist on 4 October 2026 and becomes 02:45 (+11)", () => {
    expect(next('02:15', 'Australia/Lord_Howe', '2026-10-03T00:00:00Z')).toBe('2026-10-03T15:45:00.000Z');
    // 08:00 the day after, at +11.
    expect(next('08:00', 'Australia/Lord_Howe', '2026-10-04T12:00:00Z')).toBe('2026-10-04T21:00:00.000Z');
  });

  it('places the time in Kathmandu at +5:45', () => {
    expect(next('08:00', 'Asia/Kathmandu', '2026-06-01T00:00:00Z')).toBe('2026-06-01T02:15:00.000Z');
  });

  it('follows an account that changes its zone: the same instant gives that zone’s next 08:00', () => {
    const now = '2026-06-01T10:00:00Z';
    expect(next('08:00', 'Europe/Berlin', now)).toBe('2026-06-02T06:00:00.000Z');
    expect(next('08:00', 'America/New_York', now)).toBe('2026-06-01T12:00:00.000Z');
    expect(next('08:00', 'Asia/Kathmandu', now)).toBe('2026-06-02T02:15:00.000Z');
  });

  it('reads a stored time with seconds (HH:MM:SS) as its minutes', () => {
    expect(next('08:00:00', 'UTC', '2026-06-01T00:00:00Z')).toBe('2026-06-01T08:00:00.000Z');
  });
});

describe('isInLeadTime', () => {
  it('lists an item from its lead time through its due day', () => {
    expect(isInLeadTime('2026-06-10', 3, '2026-06-06')).toBe(false);
    expect(isInLeadTime('2026-06-10', 3, '2026-06-07')).toBe(true);
    expect(isInLeadTime('2026-06-10', 3, '2026-06-10')).toBe(true);
    expect(isInLeadTime('2026-06-10', 0, '2026-06-09')).toBe(false);
    expect(isInLeadTime('2026-06-10', 0, '2026-06-10')).toBe(true);
    expect(isInLeadTime('2026-06-10', 14, '2026-05-27')).toBe(true);
  });

  it('never lists an item past its day (overdue is the digest’s own rule) or one without a reminder', () => {
    expect(isInLeadTime('2026-06-10', 7, '2026-06-11')).toBe(false);
    expect(isInLeadTime('2026-06-10', null, '2026-06-10')).toBe(false);
  });
});
