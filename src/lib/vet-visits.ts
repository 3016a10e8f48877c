// How a vet visit reads: its name on buttons and pages, and its cost — typed as a plain decimal
// ("45", "45.5", "1200.00"), stored as whole cents so sums are exact; no currency is modelled (the
// app says "Cost"). Shared by the schema, the form (to show a stored cost again) and the pet page.
import { formatCalendarDate } from './dates';

/** "Check-up on 3 March 2026": how buttons, dialogs and pages name one vet visit. */
export function visitName(visit: { reason: string; visitedOn: string }): string {
  return `${visit.reason} on ${formatCalendarDate(visit.visitedOn)}`;
}

export const MAX_COST_CENTS = 100_000_000; // 1,000,000.00

export const COST_MESSAGES = {
  format: 'Please enter the cost as a number, like 45 or 45.50',
  negative: "The cost can't be negative.",
  tooHigh: "The cost can't be more than 1,000,000.",
} as const;

const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/** Cents of a typed cost, or the message saying what is wrong with it. */
export function parseCost(typed: string): { cents: number } | { problem: string } {
  const text = typed.trim();
  if (/^-\s*\d/.test(text)) return { problem: COST_MESSAGES.negative };
  const match = DECIMAL.exec(text);
  if (!match) return { problem: COST_MESSAGES.format };
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  // More digits than any allowed cost has: too high, without trusting a float with them.
  if (whole.length > 7) return { problem: COST_MESSAGES.tooHigh };
  const cents = Number(whole) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents > MAX_COST_CENTS ? { problem: COST_MESSAGES.tooHigh } : { cents };
}

/** "45.50" for 4550 cents: how a stored cost shows in the form. */
export function costInput(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

// Built once: toLocaleString with options builds a formatter on every call (~25 µs each, per visit listed).
const costFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1,200.50" for 120050 cents: how the pet page shows a cost (grouped, always two decimals). */
export function formatCost(cents: number): string {
  return costFormat.format(cents / 100);
}
