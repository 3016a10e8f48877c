// Weight units and the one place weights are converted, parsed and written (ADR 0032): a weight is
// stored as whole grams and shown in the account's unit; pure functions, used by server and browser.
export const WEIGHT_UNITS = ['kg', 'lb'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];

export const WEIGHT_UNIT_LABELS: Record<WeightUnit, string> = { kg: 'Kilograms (kg)', lb: 'Pounds (lb)' };

/** The international avoirdupois pound, exactly (1959 agreement). */
const GRAMS_PER_UNIT: Record<WeightUnit, number> = { kg: 1000, lb: 453.59237 };

/** The heaviest weight accepted: above any pet a person keeps at home; beyond it, a typo. */
export const MAX_WEIGHT_GRAMS = 200_000;

/** Digits an edit form shows: 3 keep every stored gram in both units (0.001 lb is under half a gram). */
const INPUT_FRACTION_DIGITS = 3;

/** Whole grams for a weight in `unit` (the nearest gram). */
export function toGrams(value: number, unit: WeightUnit): number {
  return Math.round(value * GRAMS_PER_UNIT[unit]);
}

/** The weight in `unit`, unrounded. */
export function fromGrams(grams: number, unit: WeightUnit): number {
  return grams / GRAMS_PER_UNIT[unit];
}

const displayFormat = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  useGrouping: false,
});

/** "13.1" — the weight in `unit` to 0.1, as every page shows it. */
export function formatWeightNumber(grams: number, unit: WeightUnit): string {
  return displayFormat.format(fromGrams(grams, unit));
}

/** "13.1 kg" */
export function formatWeight(grams: number, unit: WeightUnit): string {
  return `${formatWeightNumber(grams, unit)} ${unit}`;
}

/** "+0.3 kg", "−0.2 lb", "±0.0 kg": a change between two weighings, to the shown precision. */
export function formatWeightChange(deltaGrams: number, unit: WeightUnit): string {
  const shown = formatWeightNumber(Math.abs(deltaGrams), unit);
  if (shown === formatWeightNumber(0, unit)) return `±${shown} ${unit}`;
  return `${deltaGrams > 0 ? '+' : '−'}${shown} ${unit}`;
}

/**
 * What an edit form puts in the weight field: the shortest decimal that is still these grams, so
 * saving it unchanged changes nothing and "9.99 lb" comes back as typed, not as 9.989.
 */
export function weightInputValue(grams: number, unit: WeightUnit): string {
  const value = fromGrams(grams, unit);
  for (let digits = 0; digits < INPUT_FRACTION_DIGITS; digits += 1) {
    const shorter = Number(value.toFixed(digits));
    if (toGrams(shorter, unit) === grams) return shorter.toString();
  }
  return Number(value.toFixed(INPUT_FRACTION_DIGITS)).toString();
}

/** Digits with one optional decimal separator, a point or a comma ("12.5", "12,5", ".5"), and an
 * optional minus (so "-3" is told it must be greater than 0, not that it is no number). */
const DECIMAL_NUMBER = /^-?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * A typed weight as a number, or null when it is not a plain decimal number. Both a decimal point
 * and a decimal comma are accepted (many people write "12,5"); no thousands separators, plus signs
 * or exponents, which in a weight are typos rather than intent.
 */
export function parseWeightNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return null;
  return Number(trimmed.replace(',', '.'));
}

/** "200 kg (440.9 lb)": the upper bound in both units, for its message. */
export function maxWeightInBothUnits(): string {
  const kg = Number(fromGrams(MAX_WEIGHT_GRAMS, 'kg').toFixed(1)).toString();
  return `${kg} kg (${formatWeight(MAX_WEIGHT_GRAMS, 'lb')})`;
}
