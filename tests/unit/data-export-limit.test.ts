// The data export's hourly limit message: whole minutes, rounded up, never "0 minutes".
import { describe, expect, it } from 'vitest';
import { dataExportLimitMessage } from '@/lib/rate-limit';

describe('dataExportLimitMessage', () => {
  it.each([
    [3600, '60 minutes'],
    [3541, '60 minutes'],
    [61, '2 minutes'],
    [60, '1 minute'],
    [1, '1 minute'],
    [0.2, '1 minute'],
  ])('%s seconds → "try again in %s"', (seconds, text) => {
    expect(dataExportLimitMessage(seconds)).toBe(
      `You've reached the limit of 1 data export per hour — try again in ${text}.`,
    );
  });
});
