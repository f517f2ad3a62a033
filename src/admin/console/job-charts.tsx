import { segments } from './chart-data';
import type { View } from './view';

/** A broadcast's outcomes, in the order the stacked bar shows them. */
export const JOB_SEGMENTS = [
  'sent',
  'failed',
  'blocked',
  'outsideWindow',
  'cancelled',
  'pending',
] as const;

/** A job's progress as one stacked bar; `data-seg` lets the live script move the segments. */
export function JobProgress(props: { view: View; counts: Readonly<Record<string, number>> }) {
  const { view, counts } = props;
  const total = counts.audience ?? 0;
  const parts = segments(counts, JOB_SEGMENTS, total);
  const done = total - (counts.pending ?? 0);
  return (
    <svg height="16" role="img" aria-label={view.t('jobs.progress', { done, total })}>
      <rect class="c-track" x="0" y="0" width="100%" height="16" rx="4" />
      {parts.map((p) => (
        <rect
          class={`c-${p.key}`}
          data-seg={p.key}
          x={`${p.x}%`}
          y="0"
          width={`${p.width}%`}
          height="16"
        />
      ))}
    </svg>
  );
}

/**
 * The legend of {@link JobProgress}: each outcome's colour, name and count (`data-k`). A
 * scheduled job has no audience yet (it is counted when the job starts): it says so rather
 * than show 0.
 */
export function JobCounts(props: {
  view: View;
  counts: Readonly<Record<string, number>>;
  scheduled?: boolean;
}) {
  const { view, counts } = props;
  const audience = props.scheduled
    ? view.t('jobs.audience_at_start')
    : String(counts.audience ?? 0);
  return (
    <ul class="counts">
      <li>
        {view.t('jobs.audience')} <b data-k="audience">{audience}</b>
      </li>
      {JOB_SEGMENTS.map((key) => (
        <li>
          <i class={`c-${key}`} />
          {view.t(`outcomes.${key}`)} <b data-k={key}>{String(counts[key] ?? 0)}</b>
        </li>
      ))}
    </ul>
  );
}
