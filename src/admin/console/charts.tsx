import { clip, funnel, percent, type Bin } from './chart-data';
import { formatCount, type View } from './view';

/** One bar: a label and a count. */
export interface BarRow {
  label: string;
  value: number;
  /** What the row's right-hand side says instead of "count · share". */
  note?: string;
}

const ROW = 42;

/**
 * Horizontal bars, one row per label (choices, channels, languages): the label above its
 * bar, the count and share at the right. Widths are relative to the largest bar (or `max`); shares
 * are of `total` (respondents) when given, else of the sum. SVG without a viewBox, so the
 * text keeps its size on a phone and only the bars stretch.
 */
export function BarChart(props: {
  view: View;
  rows: readonly BarRow[];
  total?: number;
  /** The value of a full-width bar (100 for percentages); the largest bar when absent. */
  max?: number;
  label: string;
}) {
  const { view, rows } = props;
  const max = props.max ?? Math.max(0, ...rows.map((r) => r.value));
  const total = props.total ?? rows.reduce((sum, r) => sum + r.value, 0);
  const summary = rows.map((r) => `${r.label}: ${r.value}`).join('; ');
  return (
    <svg height={rows.length * ROW} role="img" aria-label={`${props.label}. ${summary}`}>
      {rows.map((row, i) => {
        const y = i * ROW;
        const width = max > 0 ? (100 * row.value) / max : 0;
        return (
          <g>
            <title>{`${row.label}: ${row.value}`}</title>
            <text x="0" y={y + 14}>
              {clip(row.label)}
            </text>
            <text class="v" x="100%" y={y + 14} text-anchor="end">
              {row.note ?? `${formatCount(view, row.value)} · ${percent(row.value, total)}%`}
            </text>
            <rect class="c-track" x="0" y={y + 20} width="100%" height="12" rx="3" />
            <rect class="c-bar" x="0" y={y + 20} width={`${width}%`} height="12" rx="3" />
          </g>
        );
      })}
    </svg>
  );
}

/** A histogram of numeric answers: bars per bin, counts on top, bin edges underneath. */
export function Histogram(props: { view: View; bins: readonly Bin[]; label: string }) {
  const { bins } = props;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const n = Math.max(1, bins.length);
  const slot = 100 / n;
  const labelEvery = n <= 8 ? 1 : Math.ceil(n / 4);
  const summary = bins.map((b) => `${b.from}–${b.to}: ${b.count}`).join('; ');
  return (
    <svg height="150" role="img" aria-label={`${props.label}. ${summary}`}>
      <line x1="0" x2="100%" y1="120.5" y2="120.5" stroke="#b9c0b7" />
      {bins.map((bin, i) => {
        const h = (100 * bin.count) / max;
        const center = `${slot * i + slot / 2}%`;
        return (
          <g>
            <title>{`${bin.from}–${bin.to}: ${bin.count}`}</title>
            <rect
              class="c-bar"
              x={`${slot * i + slot * 0.08}%`}
              y={120 - h}
              width={`${slot * 0.84}%`}
              height={h}
              rx="2"
            />
            {bin.count > 0 && n <= 16 && (
              <text class="v" x={center} y={114 - h} text-anchor="middle">
                {String(bin.count)}
              </text>
            )}
            {i % labelEvery === 0 && (
              <text class="v" x={`${slot * i}%`} y="138" text-anchor={i === 0 ? 'start' : 'middle'}>
                {String(bin.from)}
              </text>
            )}
          </g>
        );
      })}
      {bins.length > 0 && (
        <text class="v" x="100%" y="138" text-anchor="end">
          {String(bins[bins.length - 1]!.to)}
        </text>
      )}
    </svg>
  );
}

/** Invited → started → completed: bars relative to the largest step, with step conversion. */
export function Funnel(props: {
  view: View;
  steps: readonly { label: string; value: number; partOfPrevious?: boolean }[];
}) {
  const { view } = props;
  const steps = funnel(props.steps.map(({ label, ...s }) => ({ key: label, ...s })));
  const summary = steps.map((s) => `${s.key}: ${s.value}`).join('; ');
  return (
    <svg height={steps.length * ROW} role="img" aria-label={summary}>
      {steps.map((step, i) => {
        const y = i * ROW;
        const note =
          step.ofPrevious === undefined
            ? ''
            : ` · ${view.t('funnel.of_previous', { pct: step.ofPrevious })}`;
        return (
          <g>
            <text x="0" y={y + 14}>
              {step.key}
            </text>
            <text class="v" x="100%" y={y + 14} text-anchor="end">
              {`${formatCount(view, step.value)}${note}`}
            </text>
            <rect class="c-track" x="0" y={y + 20} width="100%" height="14" rx="3" />
            <rect class="c-bar" x="0" y={y + 20} width={`${step.width}%`} height="14" rx="3" />
          </g>
        );
      })}
    </svg>
  );
}

/** Min, median, mean and max of numbers on one line, when there are no bins to draw. */
export function NumberRange(props: {
  view: View;
  label: string;
  figures: { min: number; median: number; mean: number; max: number; n: number };
}) {
  const { view, figures } = props;
  const span = figures.max - figures.min;
  const at = (v: number) => `${span > 0 ? (100 * (v - figures.min)) / span : 50}%`;
  const fmt = (v: number) => String(Number(v.toFixed(2)));
  const t = view.t;
  const summary = (['min', 'median', 'mean', 'max'] as const)
    .map((k) => `${t(`figures.${k}`)} ${fmt(figures[k])}`)
    .join('; ');
  return (
    <svg height="64" role="img" aria-label={`${props.label}. ${summary}`}>
      <rect class="c-track" x="0" y="22" width="100%" height="10" rx="5" />
      <rect class="c-bar" x="0" y="22" width="100%" height="10" rx="5" opacity="0.35" />
      <rect
        class="c-bar"
        x={at(figures.median)}
        y="14"
        width="3"
        height="26"
        transform="translate(-1.5 0)"
      />
      <circle class="c-failed" cx={at(figures.mean)} cy="27" r="5" />
      <text class="v" x={at(figures.median)} y="10" text-anchor="middle">
        {`${t('figures.median')} ${fmt(figures.median)}`}
      </text>
      <text class="v" x="0" y="56">
        {`${t('figures.min')} ${fmt(figures.min)}`}
      </text>
      <text class="v" x="50%" y="56" text-anchor="middle">
        {`● ${t('figures.mean')} ${fmt(figures.mean)}`}
      </text>
      <text class="v" x="100%" y="56" text-anchor="end">
        {`${t('figures.max')} ${fmt(figures.max)}`}
      </text>
    </svg>
  );
}
