// The weight chart, drawn on the server as SVG (no chart code in the browser): an image to assistive
// technology, named by its title and described by its description; the same figures are in the table.
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
  const pointId = `${id}-point`;
  const point = `url(#${pointId})`;
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
        {/* Few elements: the chart's markup is sent twice (HTML and RSC payload), so the grid lines
            and tick marks are one path each and the points are the line's markers. */}
        <g aria-hidden className="fill-stone-600 stroke-stone-200 text-[13px]">
          <path d={chart.yTicks.map((tick) => `M${plot.left},${tick.position}H${plot.right}`).join('')} />
          <path d={chart.xTicks.map((tick) => `M${tick.position},${plot.bottom}v4`).join('')} />
          {chart.yTicks.map((tick) => (
            <text
              key={tick.label}
              x={plot.left - 6}
              y={tick.position}
              textAnchor="end"
              dominantBaseline="middle"
              stroke="none"
            >
              {tick.label}
            </text>
          ))}
          {chart.xTicks.map((tick) => (
            <text key={tick.position} x={tick.position} y={plot.bottom + 20} textAnchor="middle" stroke="none">
              {tick.label}
            </text>
          ))}
          <path className="stroke-stone-400" d={`M${plot.left},${plot.bottom}H${plot.right}`} />
        </g>
        {chart.path ? (
          <>
            {chart.markPoints ? (
              <marker
                id={pointId}
                viewBox="-5 -5 10 10"
                markerWidth={10}
                markerHeight={10}
                markerUnits="userSpaceOnUse"
              >
                <circle r={3.5} className="fill-brand-700 stroke-white" />
              </marker>
            ) : null}
            <path
              d={chart.path}
              aria-hidden
              className="fill-none stroke-brand-600"
              strokeWidth={2.5}
              strokeLinejoin="round"
              {...(chart.markPoints ? { markerStart: point, markerMid: point, markerEnd: point } : {})}
            />
          </>
        ) : (
          // One weighing: a point alone.
          <circle
            aria-hidden
            cx={chart.points[0]!.x}
            cy={chart.points[0]!.y}
            r={3.5}
            className="fill-brand-700 stroke-white"
          />
        )}
      </svg>
    </figure>
  );
}
