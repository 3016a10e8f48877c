// The zones an account may have: the runtime's own list, stored in its spelling.
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, supportedTimeZones, timeZonesByRegion } from '@/lib/time-zones';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['US/Eastern', 'America/New_York'],
    ['Australia/Lord_Howe', 'Australia/Lord_Howe'],
  ])('%s is stored as %s', (given, stored) => {
    expect(canonicalTimeZone(given)).toBe(stored);
    expect(supportedTimeZones().has(stored)).toBe(true);
  });

  it('stores an alias as the name the chooser lists', () => {
    const stored = canonicalTimeZone('Asia/Kathmandu');
    expect(stored).toMatch(/^Asia\/Kat(h)?mandu$/);
    expect(timeZonesByRegion().flatMap((group) => group.zones)).toContain(stored);
  });

  it.each(['', 'Mars/Olympus_Mons', 'Europe/Berlin; drop table', 'x'.repeat(65), '+05:45'])('refuses %j', (given) => {
    expect(canonicalTimeZone(given)).toBeNull();
  });
});

describe('timeZonesByRegion', () => {
  it('puts UTC first, then the regions in order, every listed zone once', () => {
    const groups = timeZonesByRegion();
    expect(groups[0]).toEqual({ region: 'UTC', zones: ['UTC'] });
    const regions = groups.slice(1).map((group) => group.region);
    expect(regions).toEqual([...regions].sort());
    const listed = groups.flatMap((group) => group.zones);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length).toBe(supportedTimeZones().size);
  });
});
