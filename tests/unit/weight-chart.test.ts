// The weight chart's geometry: every point inside the plot, ticks in the account's unit and in dates,
// and sensible drawings for one point, two, a flat line and 500 weighings; plus its text alternative.
import { describe, expect, it } from 'vitest';
import {
  MAX_MARKED_POINTS,
  weightChartDescription,
  weightChartGeometry,
  weightChartTitle,
  type Weighing,
  type WeightChartGeometry,
} from '@/lib/weight-chart';

function expectInsidePlot(chart: WeightChartGeometry) {
  const { plot } = chart;
  for (const point of chart.points) {
    expect(point.x).toBeGreaterThanOrEqual(plot.left);
    expect(point.x).toBeLessThanOrEqual(plot.right);
    expect(point.y).toBeGreaterThanOrEqual(plot.top);
    expect(point.y).toBeLessThanOrEqual(plot.bottom);
  }
  for (const tick of chart.yTicks) {
    expect(tick.position).toBeGreaterThanOrEqual(plot.top);
    expect(tick.position).toBeLessThanOrEqual(plot.bottom);
  }
  for (const tick of chart.xTicks) {
    expect(tick.position).toBeGreaterThanOrEqual(plot.left);
    expect(tick.position).toBeLessThanOrEqual(plot.right);
  }
  expect(plot.left).toBeGreaterThan(0);
  expect(plot.right).toBeLessThan(chart.width);
  expect(plot.bottom).toBeLessThan(chart.height);
}

/** Fixed dates, no clock: day `n` after 2026-01-03. */
function day(n: number): string {
  return new Date(Date.UTC(2026, 0, 3 + n)).toISOString().slice(0, 10);
}

const rex: Weighing[] = [
  { date: '2026-12-07', grams: 13_100 },
  { date: '2026-11-02', grams: 12_800 },
  { date: '2026-01-03', grams: 12_400 },
];

describe('weightChartGeometry', () => {
  it('draws points oldest to newest, left to right, heavier higher, inside the plot', () => {
    const chart = weightChartGeometry(rex, 'kg');
    expectInsidePlot(chart);
    expect(chart.points.map((point) => point.date)).toEqual(['2026-01-03', '2026-11-02', '2026-12-07']);
    const [first, second, third] = chart.points;
    expect(first!.x).toBe(chart.plot.left);
    expect(third!.x).toBe(chart.plot.right);
    expect(first!.y).toBeGreaterThan(second!.y);
    expect(second!.y).toBeGreaterThan(third!.y);
    expect(chart.path).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(chart.markPoints).toBe(true);
  });

  it('labels a few weight ticks in the account unit and a few date ticks', () => {
    const kg = weightChartGeometry(rex, 'kg');
    expect(kg.yTicks.length).toBeGreaterThanOrEqual(3);
    expect(kg.yTicks.length).toBeLessThanOrEqual(7);
    for (const tick of kg.yTicks) expect(tick.label).toMatch(/^\d+(\.\d+)? kg$/);
    expect(kg.xTicks.length).toBeGreaterThanOrEqual(2);
    expect(kg.xTicks.length).toBeLessThanOrEqual(4);
    // Nearly a year: month and year.
    for (const tick of kg.xTicks) expect(tick.label).toMatch(/^[A-Z][a-z]{2,3} 2026$/);
    const lb = weightChartGeometry(rex, 'lb');
    for (const tick of lb.yTicks) expect(tick.label).toMatch(/^\d+(\.\d+)? lb$/);
    // The same weighings sit at the same heights whatever the unit (the axis is re-labelled, not the data).
    expect(lb.points.map((point) => point.grams)).toEqual(kg.points.map((point) => point.grams));
  });

  it('a short span labels its dates by day and month', () => {
    const chart = weightChartGeometry(
      [
        { date: '2026-03-01', grams: 4000 },
        { date: '2026-03-20', grams: 4200 },
      ],
      'kg',
    );
    expectInsidePlot(chart);
    for (const tick of chart.xTicks) expect(tick.label).toMatch(/^\d{1,2} Mar$/);
  });

  it('one point: a marked point in the middle, no line', () => {
    const chart = weightChartGeometry([{ date: '2026-05-05', grams: 5000 }], 'kg');
    expectInsidePlot(chart);
    expect(chart.path).toBeNull();
    expect(chart.points).toHaveLength(1);
    expect(chart.points[0]!.x).toBeCloseTo((chart.plot.left + chart.plot.right) / 2, 5);
    expect(chart.yTicks.length).toBeGreaterThanOrEqual(2);
  });

  it('two points of one day stand one above the other', () => {
    const chart = weightChartGeometry(
      [
        { date: '2026-05-05', grams: 5000 },
        { date: '2026-05-05', grams: 5200 },
      ],
      'kg',
    );
    expectInsidePlot(chart);
    expect(chart.points[0]!.x).toBe(chart.points[1]!.x);
    expect(chart.points[0]!.y).not.toBe(chart.points[1]!.y);
  });

  it('equal weights: a flat line with room above and below', () => {
    const chart = weightChartGeometry(
      [0, 10, 20, 30].map((n) => ({ date: day(n), grams: 8000 })),
      'kg',
    );
    expectInsidePlot(chart);
    const heights = new Set(chart.points.map((point) => point.y));
    expect(heights.size).toBe(1);
    const [y] = heights;
    expect(y).toBeGreaterThan(chart.plot.top);
    expect(y).toBeLessThan(chart.plot.bottom);
    expect(chart.yTicks.length).toBeGreaterThanOrEqual(2);
  });

  it('500 weighings: all inside, the line alone (no markers), still a few ticks', () => {
    const many = Array.from({ length: 500 }, (_, n) => ({
      date: day(n),
      grams: 20_000 + Math.round(Math.sin(n / 9) * 900),
    }));
    const chart = weightChartGeometry(many, 'lb');
    expectInsidePlot(chart);
    expect(chart.points).toHaveLength(500);
    expect(chart.markPoints).toBe(false);
    expect(MAX_MARKED_POINTS).toBeLessThan(500);
    expect(chart.xTicks.length).toBeLessThanOrEqual(4);
    expect(chart.yTicks.length).toBeLessThanOrEqual(7);
    // Labels never collide: neighbouring date ticks are at least 60 units apart.
    for (let index = 1; index < chart.xTicks.length; index += 1)
      expect(chart.xTicks[index]!.position - chart.xTicks[index - 1]!.position).toBeGreaterThanOrEqual(60);
  });

  it('the weight axis never goes below 0', () => {
    const chart = weightChartGeometry(
      [
        { date: day(0), grams: 1 },
        { date: day(5), grams: 400 },
      ],
      'kg',
    );
    expectInsidePlot(chart);
    for (const tick of chart.yTicks) expect(tick.label.startsWith('-') || tick.label.startsWith('−')).toBe(false);
  });

  it('needs at least one weighing', () => {
    expect(() => weightChartGeometry([], 'kg')).toThrow();
  });
});

describe('the text alternative', () => {
  it('summarises the span and the first and last weights in the unit', () => {
    expect(weightChartTitle('Rex', rex, 'kg')).toBe('Weight of Rex from 3 Jan 2026 to 7 Dec 2026: 12.4 kg to 13.1 kg');
    expect(weightChartTitle('Rex', rex, 'lb')).toBe('Weight of Rex from 3 Jan 2026 to 7 Dec 2026: 27.3 lb to 28.9 lb');
    expect(weightChartTitle('Rex', [rex[0]!], 'kg')).toBe('Weight of Rex on 7 Dec 2026: 13.1 kg');
  });

  it('describes the count, the lowest and the highest', () => {
    expect(weightChartDescription(rex, 'kg')).toBe(
      '3 weighings; lowest 12.4 kg on 3 Jan 2026, highest 13.1 kg on 7 Dec 2026.',
    );
  });
});
