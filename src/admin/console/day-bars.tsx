import { formatCount, type View } from './view';

/** One day of a trend: its date (`2026-12-05`) and a count. */
export interface DayValue {
  day: string;
  value: number;
}

const HEIGHT = 70;

/**
 * A small chart of a count per day, oldest at the left: one bar per day, the largest value
 * at the top left, the first and last day underneath (days of the console's time zone,
 * named by the caller's heading). SVG without a viewBox, so the text keeps its size on a
 * phone and only the bars stretch; the numbers are also in its accessible label.
 */
export function DayBars(props: { view: View; days: readonly DayValue[]; label: string }) {
  const { view, days } = props;
  const max = Math.max(0, ...days.map((d) => d.value));
  const slot = 100 / Math.max(1, days.length);
  const summary = days.map((d) => `${d.day}: ${d.value}`).join('; ');
  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  return (
    <svg height={HEIGHT + 36} role="img" aria-label={`${props.label}. ${summary}`}>
      <text class="v" x="0" y="12">
        {`${formatCount(view, max)}`}
      </text>
      <line x1="0" x2="100%" y1={HEIGHT + 16.5} y2={HEIGHT + 16.5} stroke="#b9c0b7" />
      {days.map((d, i) => {
        const h = max > 0 ? (HEIGHT * d.value) / max : 0;
        return (
          <g>
            <title>{`${d.day}: ${formatCount(view, d.value)}`}</title>
            <rect
              class="c-bar"
              x={`${slot * i + slot * 0.12}%`}
              y={HEIGHT + 16 - h}
              width={`${slot * 0.76}%`}
              height={h}
              rx="1"
            />
          </g>
        );
      })}
      <text x="0" y={HEIGHT + 32}>
        {first.slice(5)}
      </text>
      <text x="100%" y={HEIGHT + 32} text-anchor="end">
        {last.slice(5)}
      </text>
    </svg>
  );
}
