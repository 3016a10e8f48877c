// The cost of a vet visit: typed decimals to whole cents and back, and what is refused.
import { describe, expect, it } from 'vitest';
import { COST_MESSAGES, costInput, formatCost, parseCost } from '@/lib/vet-visits';

describe('parseCost', () => {
  it('reads plain decimals with up to two places as whole cents, exactly', () => {
    expect(parseCost('45')).toEqual({ cents: 4500 });
    expect(parseCost('45.5')).toEqual({ cents: 4550 });
    expect(parseCost('0.10')).toEqual({ cents: 10 });
    // 1.15 * 100 is 114.99999999999999 in floating point; the cents are read as digits.
    expect(parseCost('1.15')).toEqual({ cents: 115 });
    expect(parseCost('0001000000.00')).toEqual({ cents: 100_000_000 });
  });

  it('refuses negatives, more than 1,000,000 and anything that is not a plain decimal', () => {
    expect(parseCost('-0.01')).toEqual({ problem: COST_MESSAGES.negative });
    expect(parseCost('1000000.01')).toEqual({ problem: COST_MESSAGES.tooHigh });
    expect(parseCost('1e9')).toEqual({ problem: COST_MESSAGES.format });
    for (const typed of ['', '.5', '5.', '5.555', '1,000', '€5', 'Infinity'])
      expect(parseCost(typed)).toEqual({ problem: COST_MESSAGES.format });
  });
});

describe('showing a cost', () => {
  it('gives the form two decimals and the page grouped thousands', () => {
    expect(costInput(4550)).toBe('45.50');
    expect(costInput(5)).toBe('0.05');
    expect(formatCost(120_050)).toBe('1,200.50');
  });
});
