// The weight chart, drawn on the server as SVG (no chart code in the browser): an image to assistive
// technology, named by its title and described by its description; the same figures are in the table.
import { Fragment } from 'react';
import { weightChartDescription, weightChartGeometry, weightChartTitle, type Weighing } from '@/lib/weight-chart';
import type { WeightUnit } from '@/lib/weight-units';

type WeightChartProps = {
  /** Unique on the page: the title's and description's ids start with it. */
  id: string;
  petName: string;
  weighings: readonly Weighing[];
  unit: WeightUnit;
};

export function WeightChart({ id, petName, weighings, unit }: WeightChartProps) {
  const chart = weightChartGeometry(weighings, unit);
  const { plot } = chart;
  const titleId = `${id}-title`;
  const descriptionId = `${id}-desc`;
  return (
    <figure className="mx-auto max-w-xl">
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        className="h-auto w-full"
        data-testid="weight-chart"
      >
        <title id={titleId}>{weightChartTitle(petName, weighings, unit)}</title>
        <desc id={descriptionId}>{weightChartDescription(weighings, unit)}</desc>
        <g aria-hidden className="fill-stone-600 stroke-stone-200 text-[13px]">
          {/* Each tick a line and its label, side by side: no group per tick (the chart's markup is
              sent twice, as HTML and in the RSC payload). */}
          {chart.yTicks.map((tick) => (
            <Fragment key={tick.label}>
              <line x1={plot.left} x2={plot.right} y1={tick.position} y2={tick.position} />
              <text x={plot.left - 6} y={tick.position} textAnchor="end" dominantBaseline="middle" stroke="none">
                {tick.label}
              </text>
            </Fragment>
          ))}
          {chart.xTicks.map((tick) => (
            <Fragment key={`${tick.position}`}>
              <line x1={tick.position} x2={tick.position} y1={plot.bottom} y2={plot.bottom + 4} />
              <text x={tick.position} y={plot.bottom + 20} textAnchor="middle" stroke="none">
                {tick.label}
              </text>
            </Fragment>
          ))}
          <line className="stroke-stone-400" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        </g>
        {chart.path ? (
          <path
            d={chart.path}
            aria-hidden
            className="fill-none stroke-brand-600"
            strokeWidth={2.5}
            strokeLinejoin="round"
          />
        ) : null}
        {chart.markPoints || chart.points.length === 1 ? (
          <g aria-hidden className="fill-brand-700 stroke-white">
            {chart.points.map((point, index) => (
              <circle key={`${point.date}-${index}`} cx={point.x} cy={point.y} r={3.5} />
            ))}
          </g>
        ) : null}
      </svg>
    </figure>
  );
}
