// The weight chart's geometry and its words, computed on the server (d3-scale, d3-shape): pure
// functions from weighings to coordinates, ticks, a path and a summary; the SVG is drawn from them
// by components/care/weight-chart.tsx, and no chart code runs in the browser.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { calendarDateAsUtc, formatShortCalendarDate } from './dates';
import { formatWeight, fromGrams, type WeightUnit } from './weight-units';

export type Weighing = { date: string; grams: number };

/** The drawing's own coordinates (the viewBox): small enough that its text stays legible when the
 * SVG is scaled down to a 320 px screen, and scaled up to the width it is given elsewhere. */
export const CHART_SIZE = { width: 400, height: 240 } as const;
const MARGIN = { top: 14, right: 22, bottom: 30, left: 62 } as const;

/** Beyond this many weighings the points are not marked: the line alone reads better. */
export const MAX_MARKED_POINTS = 60;
const MAX_X_TICKS = 4;
const Y_TICK_COUNT = 4;
const DAY_MS = 86_400_000;
/** Spans longer than this label their ticks by month and year, shorter ones by day and month. */
const MONTH_LABELS_AFTER_DAYS = 120;

export type ChartPoint = { x: number; y: number; date: string; grams: number };
export type ChartTick = { position: number; label: string };

export type WeightChartGeometry = {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** The line through the points in date order; null with a single point. */
  path: string | null;
  points: ChartPoint[];
  markPoints: boolean;
  xTicks: ChartTick[];
  yTicks: ChartTick[];
};

const monthYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

/** Oldest first; weighings of one day keep the order they were given in. */
function inDateOrder(weighings: readonly Weighing[]): Weighing[] {
  return [...weighings].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The weight axis: the weights with some room around them (a flat line sits in the middle), never below 0. */
function weightDomain(values: number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const padding = high - low > 0 ? (high - low) * 0.1 : Math.max(high * 0.05, 0.5);
  return [Math.max(0, low - padding), high + padding];
}

/** The date axis: the dates' span, or a week around a single day. */
function dateDomain(first: Date, last: Date): [Date, Date] {
  if (last.getTime() > first.getTime()) return [first, last];
  return [new Date(first.getTime() - 3 * DAY_MS), new Date(last.getTime() + 3 * DAY_MS)];
}

/** At most `most` of the ticks, evenly thinned, so their labels never overlap. */
function thinned<T>(ticks: T[], most: number): T[] {
  if (ticks.length <= most) return ticks;
  const step = Math.ceil(ticks.length / most);
  return ticks.filter((_, index) => index % step === 0);
}

/** A coordinate to a tenth of a unit (of a 400-wide drawing): finer is invisible and only makes the page longer. */
function coordinate(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Coordinates of the weight chart of `weighings` (any order, at least one) in `unit`. */
export function weightChartGeometry(weighings: readonly Weighing[], unit: WeightUnit): WeightChartGeometry {
  if (weighings.length === 0) throw new Error('a weight chart needs at least one weighing');
  const ordered = inDateOrder(weighings);
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: CHART_SIZE.width - MARGIN.right,
    bottom: CHART_SIZE.height - MARGIN.bottom,
  };
  const dates = ordered.map((weighing) => calendarDateAsUtc(weighing.date));
  const [firstDate, lastDate] = dateDomain(dates[0]!, dates[dates.length - 1]!);
  const x = scaleUtc().domain([firstDate, lastDate]).range([plot.left, plot.right]);
  const y = scaleLinear()
    .domain(weightDomain(ordered.map((weighing) => fromGrams(weighing.grams, unit))))
    .range([plot.bottom, plot.top])
    .nice(Y_TICK_COUNT);

  const points = ordered.map((weighing, index) => ({
    x: coordinate(x(dates[index]!)),
    y: coordinate(y(fromGrams(weighing.grams, unit))),
    date: weighing.date,
    grams: weighing.grams,
  }));
  const path =
    points.length > 1
      ? line<ChartPoint>()
          .x((point) => point.x)
          .y((point) => point.y)(points)
      : null;

  const spanDays = (lastDate.getTime() - firstDate.getTime()) / DAY_MS;
  const dateLabel = spanDays > MONTH_LABELS_AFTER_DAYS ? monthYear : dayMonth;
  const xTicks = thinned(x.ticks(MAX_X_TICKS), MAX_X_TICKS).map((tick) => ({
    position: coordinate(x(tick)),
    label: dateLabel.format(tick),
  }));
  const weightLabel = y.tickFormat(Y_TICK_COUNT);
  const yTicks = y
    .ticks(Y_TICK_COUNT)
    .map((tick) => ({ position: coordinate(y(tick)), label: `${weightLabel(tick)} ${unit}` }));

  return {
    ...CHART_SIZE,
    plot,
    path,
    points,
    markPoints: points.length <= MAX_MARKED_POINTS,
    xTicks,
    yTicks,
  };
}

/** "Weight of Rex from 3 Jan 2026 to 7 Dec 2026: 12.4 kg to 13.1 kg" — the chart's title. */
export function weightChartTitle(petName: string, weighings: readonly Weighing[], unit: WeightUnit): string {
  const ordered = inDateOrder(weighings);
  const first = ordered[0]!;
  const last = ordered[ordered.length - 1]!;
  if (ordered.length === 1)
    return `Weight of ${petName} on ${formatShortCalendarDate(first.date)}: ${formatWeight(first.grams, unit)}`;
  return (
    `Weight of ${petName} from ${formatShortCalendarDate(first.date)} to ${formatShortCalendarDate(last.date)}: ` +
    `${formatWeight(first.grams, unit)} to ${formatWeight(last.grams, unit)}`
  );
}

/** "12 weighings; lowest 12.1 kg on 4 Feb 2026, highest 13.4 kg on 1 Oct 2026." — its description. */
export function weightChartDescription(weighings: readonly Weighing[], unit: WeightUnit): string {
  const ordered = inDateOrder(weighings);
  let lowest = ordered[0]!;
  let highest = ordered[0]!;
  for (const weighing of ordered) {
    if (weighing.grams < lowest.grams) lowest = weighing;
    if (weighing.grams > highest.grams) highest = weighing;
  }
  const count = `${ordered.length} ${ordered.length === 1 ? 'weighing' : 'weighings'}`;
  return (
    `${count}; lowest ${formatWeight(lowest.grams, unit)} on ${formatShortCalendarDate(lowest.date)}, ` +
    `highest ${formatWeight(highest.grams, unit)} on ${formatShortCalendarDate(highest.date)}.`
  );
}
